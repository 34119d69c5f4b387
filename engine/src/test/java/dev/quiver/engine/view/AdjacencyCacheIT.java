package dev.quiver.engine.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adjacency cache's lists, build threshold and bound (traversal results: GqTraversalPropertyIT). */
class AdjacencyCacheIT {
  private static final String EDGES = "edge:E";

  @TempDir Path directory;
  private GraphStore store;
  private long version;

  @BeforeEach
  void open() {
    store = GraphStore.open(OpenOptions.at(directory.resolve("g").toString()).withCreate(true)
        .withSchema("node N { name: String @key }\nedge E: N -> N\n"));
    try (Session session = store.openSession(new SessionOptions("t", Durability.PROCESS, false))) {
      session.execute(
          "insert N { name: \"a\" }\ninsert N { name: \"b\" }\ninsert N { name: \"c\" }\n"
              + "insert E { from: \"a\", to: \"b\" }\ninsert E { from: \"a\", to: \"c\" }\n"
              + "insert E { from: \"a\", to: \"b\" }\ninsert E { from: \"c\", to: \"a\" }",
          List.of());
    }
    version = store.snapshot().tableVersion(EDGES);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void listsHoldEveryEdgeInScanOrderInBothDirectionsOnceAskedEnough() {
    AdjacencyCache cache = new AdjacencyCache(1 << 20, 2);
    assertNull(cache.lookup(store.tableStore(), EDGES, version, "src", "dst"), "not built on the first hop");
    AdjacencyCache.Adjacency forward = cache.lookup(store.tableStore(), EDGES, version, "src", "dst");
    assertNotNull(forward);
    assertEquals(List.of("b", "c", "b"), forward.neighbours("a"), "parallel edges repeat, in scan order");
    assertEquals(List.of(), forward.neighbours("b"));
    cache.lookup(store.tableStore(), EDGES, version, "dst", "src");
    AdjacencyCache.Adjacency backward = cache.lookup(store.tableStore(), EDGES, version, "dst", "src");
    assertEquals(List.of("a", "a"), backward.neighbours("b"));
    assertEquals(List.of("c"), backward.neighbours("a"));
    assertTrue(cache.usedBytes() > 0 && cache.usedBytes() <= cache.maxBytes());
  }

  @Test
  void aVersionLargerThanTheBoundIsNotHeld() {
    AdjacencyCache cache = new AdjacencyCache(200, 1);
    assertNull(cache.lookup(store.tableStore(), EDGES, version, "src", "dst"), "too large: traverse by scans");
    assertTrue(cache.usedBytes() <= cache.maxBytes());
    assertNull(new AdjacencyCache(0, 1).lookup(store.tableStore(), EDGES, version, "src", "dst"), "0 disables it");
  }
}
