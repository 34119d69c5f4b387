package dev.quiver.engine.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row cache answers exactly as the Lance scan it replaces: writers insert, update and delete while readers
 * compare cached point lookups with uncached scans at many snapshots, old ones included. Also the bound.
 */
class RowCacheIT {
  private static final String SCHEMA = "node Person { pid: String @key  name: String  age: I32? }\n";
  private static final List<List<String>> PROJECTIONS =
      List.of(List.of("id", "age"), List.of("age"), List.of("name", "pid", "id"), List.of("id"));
  private static final int KEYS = 60;

  @TempDir Path directory;
  private GraphStore store;

  @BeforeEach
  void open() {
    store = GraphStore.open(OpenOptions.at(directory.resolve("g").toString()).withCreate(true).withSchema(SCHEMA));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void cachedLookupsEqualScansWhileWritersCommit() throws Exception {
    try (Session seed = store.openSession(new SessionOptions("seed", Durability.PROCESS, false))) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < KEYS; k += 2) {
        text.append("insert Person { pid: \"k").append(k).append("\", name: \"n").append(k).append("\" }\n");
      }
      seed.execute(text.toString(), List.of());
    }
    // A tight bound (a few versions of this table) and a build on the first lookup force builds and evictions.
    RowCache cache = new RowCache(48 * 1024, 1);
    RacingCommits.run(
        store,
        (random, i) -> {
          String pid = "k" + random.nextInt(KEYS);
          List<Object> age = Arrays.asList(random.nextInt(5) == 0 ? null : random.nextInt(100));
          return switch (random.nextInt(3)) {
            case 0 -> new RacingCommits.Statement(
                "insert Person { pid: \"" + pid + "\", name: \"w" + i + "\", age: $a }", age);
            case 1 -> new RacingCommits.Statement("update Person set { age: $a } where pid = \"" + pid + "\"", age);
            default -> new RacingCommits.Statement("delete Person where pid = \"" + pid + "\"", List.of());
          };
        },
        200,
        (snapshot, random) -> compare(cache, snapshot, random));
    assertTrue(cache.usedBytes() <= cache.maxBytes());
  }

  private void compare(RowCache cache, Snapshot snapshot, Random random) {
    CommittedView cached = new CommittedView(store.tableStore(), snapshot, cache);
    CommittedView scanned = new CommittedView(store.tableStore(), snapshot);
    List<String> columns = PROJECTIONS.get(random.nextInt(PROJECTIONS.size()));
    Filter filter;
    if (random.nextBoolean()) {
      filter = Filter.eq("id", "k" + random.nextInt(KEYS + 5));
    } else {
      List<Object> ids = new ArrayList<>();
      for (int n = random.nextInt(6); n >= 0; n--) {
        ids.add((random.nextInt(4) == 0 ? "n" : "k") + random.nextInt(KEYS + 5)); // duplicates and missing ids included
      }
      filter = new Filter.In("id", ids);
    }
    assertEquals(rows(scanned, columns, filter), rows(cached, columns, filter),
        "version " + snapshot.graphVersion() + ", " + filter + ", " + columns);
  }

  private static List<List<Object>> rows(ReadView view, List<String> columns, Filter filter) {
    List<List<Object>> out = new ArrayList<>();
    try (RowCursor cursor = view.scan("node:Person", columns, filter)) {
      while (cursor.next()) {
        out.add(Arrays.asList(cursor.row().clone()));
      }
    }
    return out;
  }

  @Test
  void ownCommitsCarryTheCachedVersionForwardAndItStillAnswersLikeAScan() {
    insert(20);
    RowCache cache = store.rowCache();
    for (int i = 0; i < 4; i++) { // the build threshold
      rows(CommittedView.latest(store), List.of("id"), Filter.eq("id", "k1"));
    }
    assertTrue(cache.holds("node:Person", store.snapshot().tableVersion("node:Person")), "built");
    Random random = new Random(7);
    int carried = 0;
    try (Session writer = store.openSession(new SessionOptions("w", Durability.PROCESS, false))) {
      for (int i = 0; i < 40; i++) {
        String pid = "k" + random.nextInt(30); // existing and new keys
        List<Object> age = Arrays.asList(random.nextInt(5) == 0 ? null : random.nextInt(100));
        String text = switch (random.nextInt(4)) {
          case 0 -> "insert Person { pid: \"" + pid + "\", name: \"w" + i + "\", age: $a }";
          case 1 -> "insert Person { pid: \"n" + i + "\", name: \"new" + i + "\", age: $a }";
          case 2 -> "update Person set { age: $a } where pid = \"" + pid + "\"";
          default -> "delete Person where pid = \"" + pid + "\"";
        };
        long before = store.snapshot().graphVersion();
        writer.execute(text, text.startsWith("delete") ? List.of() : age);
        Snapshot after = store.snapshot();
        if (after.graphVersion() != before) {
          assertTrue(cache.holds("node:Person", after.tableVersion("node:Person")), "carried forward by: " + text);
          carried++;
        }
        for (int k = 0; k < 8; k++) {
          compare(cache, after, random);
        }
      }
    }
    assertTrue(carried > 20, "commits carried the entry forward: " + carried);
  }

  @Test
  void lookupsCountAcrossOwnCommitsSoAVersionLookedUpOnceEachStillGetsBuilt() {
    insert(5);
    RowCache cache = store.rowCache();
    try (Session writer = store.openSession(new SessionOptions("w", Durability.PROCESS, false))) {
      for (int i = 0; i < 4; i++) {
        long version = store.snapshot().tableVersion("node:Person");
        assertFalse(cache.holds("node:Person", version), "not built before its 4th lookup (round " + i + ")");
        rows(CommittedView.latest(store), List.of("id"), Filter.eq("id", "k1")); // one lookup per version
        writer.execute("insert Person { pid: \"x" + i + "\", name: \"x\" }", List.of());
      }
    }
    // the 4th lookup (in the last round, each on another version) built the entry; the last commit carried it
    assertTrue(cache.holds("node:Person", store.snapshot().tableVersion("node:Person")), "built from the carried count");
  }

  @Test
  void aTableLargerThanTheBoundIsNotCachedAndStillAnswers() {
    insert(200);
    Snapshot snapshot = store.snapshot();
    RowCache cache = new RowCache(4 * 1024, 1);
    long version = snapshot.tableVersion("node:Person");
    assertNull(cache.lookup(store.tableStore(), "node:Person", version, List.of("id"), Filter.eq("id", "k1")));
    assertEquals(1, cache.size(), "remembered as too large, so it is not scanned again");
    assertTrue(cache.usedBytes() <= cache.maxBytes());
    assertEquals(List.of(List.of("k1")),
        rows(new CommittedView(store.tableStore(), snapshot, cache), List.of("id"), Filter.eq("id", "k1")));
  }

  @Test
  void theLeastRecentlyUsedVersionIsEvictedToStayWithinTheBound() {
    insert(20);
    Snapshot first = store.snapshot();
    insert(21);
    Snapshot second = store.snapshot();
    long one = first.tableVersion("node:Person");
    long two = second.tableVersion("node:Person");
    long perVersion = 64 + 21 * RowCache.estimate(new Object[] {"k10", "k10", "n10", 1});
    RowCache cache = new RowCache(perVersion + perVersion / 2, 1); // room for one version only
    assertNotNull(cache.lookup(store.tableStore(), "node:Person", one, List.of("id"), Filter.eq("id", "k1")));
    assertEquals(1, cache.size());
    assertNotNull(cache.lookup(store.tableStore(), "node:Person", two, List.of("id"), Filter.eq("id", "k20")));
    assertEquals(1, cache.size(), "the older version was evicted");
    assertTrue(cache.usedBytes() <= cache.maxBytes());
    RowCursor missing = cache.lookup(store.tableStore(), "node:Person", two, List.of("id"), Filter.eq("id", "k99"));
    assertNotNull(missing);
    assertFalse(missing.next(), "a missing id is an empty answer, not a miss of the cache");
  }

  @Test
  void aVersionIsBuiltOnlyAfterEnoughLookups() {
    insert(5);
    long version = store.snapshot().tableVersion("node:Person");
    RowCache cache = new RowCache(1 << 20, 3);
    assertNull(cache.lookup(store.tableStore(), "node:Person", version, List.of("id"), Filter.eq("id", "k1")));
    assertNull(cache.lookup(store.tableStore(), "node:Person", version, List.of("id"), Filter.eq("id", "k1")));
    assertNotNull(cache.lookup(store.tableStore(), "node:Person", version, List.of("id"), Filter.eq("id", "k1")));
    assertNull(cache.lookup(store.tableStore(), "node:Person", version, List.of("id"), Filter.eq("age", 1)),
        "not a point lookup on id");
  }

  @Test
  void compactionsCarryTheCachedRowsAndTheyStillAnswerLikeAScan() {
    insert(10);
    RowCache cache = store.rowCache();
    Random random = new Random(11);
    try (Session writer = store.openSession(new SessionOptions("w", Durability.PROCESS, false))) {
      // Fragments of one row each, some with deleted rows, so the compaction has runs to rewrite.
      for (int i = 0; i < 30; i++) {
        String text = i % 4 == 3
            ? "delete Person where pid = \"x" + (i - 2) + "\""
            : "insert Person { pid: \"x" + i + "\", name: \"x\", age: " + i + " }";
        writer.execute(text, List.of());
      }
      for (int i = 0; i < 4; i++) { // the build threshold
        rows(CommittedView.latest(store), List.of("id"), Filter.eq("id", "k1"));
      }
      assertTrue(cache.holds("node:Person", store.snapshot().tableVersion("node:Person")), "built");
      store.autoOptimizeFragments(0);
      store.backgroundCompaction(false); // so each commit's compaction has happened when the cache is checked
      long before = store.snapshot().tableVersion("node:Person");
      store.optimize("t", Durability.PROCESS);
      long after = store.snapshot().tableVersion("node:Person");
      assertTrue(after > before, "optimize moved the table");
      assertTrue(cache.holds("node:Person", after), "carried across the compaction");
      for (int k = 0; k < 60; k++) {
        compareIds(cache, store.snapshot(), random);
      }
      // Automatic compaction (small fragments only) carries it too.
      store.autoOptimizeFragments(4);
      for (int i = 30; i < 50; i++) {
        writer.execute("insert Person { pid: \"x" + i + "\", name: \"x\", age: " + i + " }", List.of());
        assertTrue(cache.holds("node:Person", store.snapshot().tableVersion("node:Person")), "after commit " + i);
        for (int k = 0; k < 5; k++) {
          compareIds(cache, store.snapshot(), random);
        }
      }
      assertTrue(store.commits().stream().anyMatch(c -> c.actor().equals(GraphStore.AUTO_OPTIMIZER)));
    }
  }

  @Test
  void concurrentCommittersCarryTheEntryFromOneToTheNext() throws Exception {
    insert(20);
    RowCache cache = store.rowCache();
    for (int i = 0; i < 4; i++) { // the build threshold
      rows(CommittedView.latest(store), List.of("id"), Filter.eq("id", "k1"));
    }
    assertTrue(cache.holds("node:Person", store.snapshot().tableVersion("node:Person")), "built");
    // Each commit carries the entry while it holds the gate, so the next commit (of any thread) finds it.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(pool.submit(() -> {
        try (Session session = store.openSession(new SessionOptions("w" + writer, Durability.PROCESS, false))) {
          for (int i = 0; i < 15; i++) {
            session.execute(
                "insert Person { pid: \"w" + writer + "_" + i + "\", name: \"w\", age: $a }", List.of(i));
          }
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> writer : writers) {
      writer.get(2, java.util.concurrent.TimeUnit.MINUTES);
    }
    pool.shutdown();
    Snapshot last = store.snapshot();
    assertTrue(cache.holds("node:Person", last.tableVersion("node:Person")), "carried through every commit");
    Random random = new Random(3);
    for (int k = 0; k < 20; k++) {
      compareIds(cache, last, random);
    }
  }

  /** An IN list over old, new, deleted and missing ids: the cached rows must come in the scan's order. */
  private void compareIds(RowCache cache, Snapshot snapshot, Random random) {
    CommittedView cached = new CommittedView(store.tableStore(), snapshot, cache);
    CommittedView scanned = new CommittedView(store.tableStore(), snapshot);
    List<Object> ids = new ArrayList<>();
    for (int n = 2 + random.nextInt(8); n >= 0; n--) {
      ids.add((random.nextBoolean() ? "k" : "x") + random.nextInt(50));
    }
    Filter filter = new Filter.In("id", ids);
    List<String> columns = List.of("id", "age", "name");
    assertEquals(rows(scanned, columns, filter), rows(cached, columns, filter), filter.toString());
  }

  private void insert(int count) {
    try (Session session = store.openSession(new SessionOptions("t", Durability.PROCESS, false))) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < count; k++) {
        text.append("insert Person { pid: \"k").append(k).append("\", name: \"n").append(k).append("\", age: ")
            .append(k).append(" }\n");
      }
      session.execute(text.toString(), List.of());
    }
  }
}
