package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many small commits do not pile up fragments: past a threshold the store compacts after a commit. */
class AutoCompactionIT {
  @TempDir Path directory;

  @Test
  void smallCommitsAreCompactedAutomaticallyAndNothingChanges() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
      store.autoOptimizeFragments(8);
      for (int i = 0; i < 60; i++) {
        session.execute("insert Person { name: $n, age: $a }", List.of("p" + i, i));
      }
      Snapshot after = store.snapshot();
      int fragments = store.tableStore().fragmentCount("node:Person", after.tableVersion("node:Person"));
      assertTrue(fragments <= 8 + 2, "fragments stay near the threshold, not 60: " + fragments);
      Map<String, Map<String, Object>> people = MutationsIT.rows(session, "node:Person");
      assertEquals(60, people.size());
      for (int i = 0; i < 60; i++) {
        assertEquals(i, people.get("p" + i).get("age"));
      }
      assertTrue(
          store.commits().stream().anyMatch(c -> c.actor().equals(GraphStore.AUTO_OPTIMIZER) && c.kind().equals("optimize")),
          "the compactions are commits of their own");
      assertTrue(
          store.commits().stream().filter(c -> c.actor().equals("writer")).count() == 60,
          "every insert is its own commit");
    }
  }

  @Test
  void automaticCompactionCanBeTurnedOff() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
      store.autoOptimizeFragments(0);
      for (int i = 0; i < 20; i++) {
        session.execute("insert Person { name: $n }", List.of("p" + i));
      }
      Snapshot after = store.snapshot();
      assertEquals(20, store.tableStore().fragmentCount("node:Person", after.tableVersion("node:Person")));
      assertTrue(store.commits().stream().noneMatch(c -> c.actor().equals(GraphStore.AUTO_OPTIMIZER)));
    }
  }
}
