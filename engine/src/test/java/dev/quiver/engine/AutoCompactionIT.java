package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
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
      store.backgroundCompaction(false); // the policy, deterministically: compaction after the commit, inline
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
  void automaticCompactionMergesOnlySmallFragmentsAndKeepsValidIndexes() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
      store.backgroundCompaction(false);
      store.autoOptimizeFragments(0);
      StringBuilder bulk = new StringBuilder();
      for (int i = 0; i < 500; i++) {
        bulk.append("insert Person { name: \"p").append(i).append("\", age: ").append(i % 90).append(" }\n");
      }
      session.execute(bulk.toString(), List.of());
      store.optimize("writer", Durability.PROCESS); // one indexed fragment of 500 rows
      assertEquals(Map.of("id_idx", 500L, "name_idx", 500L), indexedRows(store));

      store.autoOptimizeFragments(8);
      for (int i = 0; i < 40; i++) {
        session.execute("insert Person { name: $n, age: $a }", List.of("n" + i, i));
      }
      assertTrue(store.commits().stream().anyMatch(c -> c.actor().equals(GraphStore.AUTO_OPTIMIZER)));
      assertTrue(fragments(store) <= 8 + 2, "fragments stay near the threshold: " + fragments(store));
      // The indexed fragment was not rewritten, so its index segments stand as built; the merged small
      // fragments are not indexed yet.
      assertEquals(Map.of("id_idx", 500L, "name_idx", 500L), indexedRows(store));
      assertAgesRead(session, 500, 40);

      // After an optimize the whole table is one small indexed fragment: merging it again rebuilds the indexes.
      store.autoOptimizeFragments(0);
      store.optimize("writer", Durability.PROCESS);
      store.autoOptimizeFragments(8);
      for (int i = 40; i < 60; i++) {
        session.execute("insert Person { name: $n, age: $a }", List.of("n" + i, i));
      }
      Map<String, Long> rebuilt = indexedRows(store);
      assertTrue(rebuilt.get("id_idx") > 540 && rebuilt.get("name_idx").equals(rebuilt.get("id_idx")), rebuilt.toString());
      assertAgesRead(session, 500, 60);
    }
  }

  private static int fragments(GraphStore store) {
    return store.tableStore().fragmentCount("node:Person", store.snapshot().tableVersion("node:Person"));
  }

  private static Map<String, Long> indexedRows(GraphStore store) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (var index : store.tableStore().indexes("node:Person", store.snapshot().tableVersion("node:Person"))) {
      out.merge(index.name(), index.rowsIndexed(), Long::sum);
    }
    return out;
  }

  /** Every row is there, and key lookups (through the index where it covers the row) find old and new rows. */
  private static void assertAgesRead(Session session, int old, int added) {
    Map<String, Map<String, Object>> people = MutationsIT.rows(session, "node:Person");
    assertEquals(old + added, people.size());
    for (int i = 0; i < old; i += 37) {
      assertEquals(List.of(i % 90), sqlRow(session, "p" + i));
    }
    for (int i = 0; i < added; i++) {
      assertEquals(i, people.get("n" + i).get("age"));
      assertEquals(List.of(i), sqlRow(session, "n" + i));
    }
  }

  private static List<Object> sqlRow(Session session, String name) {
    try (QueryResult result = (QueryResult) session.execute("SELECT age FROM Person WHERE name = ?", List.of(name))) {
      assertTrue(result.rows().next(), name);
      return java.util.Arrays.asList(result.rows().row());
    }
  }

  @Test
  void aBackgroundCompactionIsMovedOntoTheAppendsThatLandWhileItStaged() throws Exception {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
      int[] inserted = {0};
      int tries = compactWhileHeld(store, session, inserted, () -> {
        for (int i = 0; i < 5; i++) { // appends land on the table it staged against
          session.execute("insert Person { name: $n, age: $a }", List.of("p" + inserted[0], inserted[0]));
          inserted[0]++;
        }
      });
      assertEquals(1, tries, "committed on its first try: moved onto the appends, not restaged");
      assertAllRows(session, inserted[0], -1);
      // More than 4 one-row fragments were merged into one; the 5 appends stay as they landed.
      assertTrue(fragments(store) <= inserted[0] - 4, fragments(store) + " fragments for " + inserted[0] + " rows");
    }
  }

  @Test
  void aBackgroundCompactionWhoseFragmentsChangedMeanwhileIsStagedAgain() throws Exception {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
      int[] inserted = {0};
      int tries = compactWhileHeld(store, session, inserted, () -> {
        session.execute("delete Person where name = \"p0\"", List.of()); // a row of a fragment it rewrites
      });
      assertEquals(2, tries, "the staged compaction no longer matched its fragments: staged again, then committed");
      assertAllRows(session, inserted[0], 0);
    }
  }

  @Test
  void aBackgroundCompactionWhoseStagedVersionWasCleanedUpIsStagedAgain() throws Exception {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
      int[] inserted = {0};
      int tries = compactWhileHeld(store, session, inserted, () -> {
        session.execute("insert Person { name: $n, age: $a }", List.of("p" + inserted[0], inserted[0]));
        inserted[0]++;
        store.cleanup(1); // removes the version it staged on, and so (for cleanup) its staged files' protection
      });
      assertEquals(2, tries, "not moved onto a version whose base is gone: staged again");
      assertAllRows(session, inserted[0], -1);
    }
  }

  @Test
  void closingTheStoreStopsARunningBackgroundCompaction() throws Exception {
    java.util.concurrent.CountDownLatch staged = new java.util.concurrent.CountDownLatch(1);
    // Holds the compactor at the gate until its token is cancelled (as closing the store does).
    FailPoints.Action holdUntilCancelled = point -> {
      if (!Thread.currentThread().getName().equals("quiver-auto-compact")) {
        return;
      }
      staged.countDown();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try {
          Cancellation.current().checkToken();
          Thread.sleep(5);
        } catch (GraphException cancelled) {
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    };
    GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
    try (FailPoints.Armed armed = FailPoints.arm(FailPoint.COMMIT_BEFORE_GATE, holdUntilCancelled)) {
      try (Session session = store.openSession(new SessionOptions("writer", Durability.PROCESS, false))) {
        store.autoOptimizeFragments(4);
        for (int i = 0; i < 200 && staged.getCount() > 0; i++) {
          session.execute("insert Person { name: $n, age: $a }", List.of("p" + i, i));
          staged.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertEquals(0, staged.getCount(), "a background compaction reached the gate");
      }
      store.close(); // cancels the compaction held at the gate and waits for it: returns, and nothing is published
    }
    try (GraphStore reopened = GraphStore.open(OpenOptions.at(directory.toString()))) {
      assertTrue(reopened.commits().stream().noneMatch(c -> c.actor().equals(GraphStore.AUTO_OPTIMIZER)),
          "the cancelled compaction published nothing");
    }
  }

  /**
   * Commits one-row inserts until a background compaction (threshold 4) has staged and reached the gate,
   * holds it there while {@code meanwhile} runs, then lets it finish. Returns how often it reached the gate.
   */
  private static int compactWhileHeld(GraphStore store, Session session, int[] inserted, Runnable meanwhile)
      throws Exception {
    store.autoOptimizeFragments(4);
    java.util.concurrent.CountDownLatch staged = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
    FailPoints.Action holdCompactor = point -> {
      if (Thread.currentThread().getName().equals("quiver-auto-compact")) {
        tries.incrementAndGet();
        staged.countDown();
        try {
          release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (FailPoints.Armed armed = FailPoints.arm(FailPoint.COMMIT_BEFORE_GATE, holdCompactor)) {
      // Commits return while the compaction runs on its own thread; it stages, then waits at the gate.
      while (staged.getCount() > 0 && inserted[0] < 200) {
        session.execute("insert Person { name: $n, age: $a }", List.of("p" + inserted[0], inserted[0]));
        inserted[0]++;
        staged.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      assertEquals(0, staged.getCount(), "a background compaction staged");
      store.autoOptimizeFragments(0); // no second compaction once this one is done
      meanwhile.run();
      release.countDown();
      store.awaitMaintenance();
    }
    assertTrue(store.commits().stream().anyMatch(c -> c.actor().equals(GraphStore.AUTO_OPTIMIZER)), "it committed");
    return tries.get();
  }

  /** Rows p0.. of ages 0.., read by scan and by key, except the deleted one (-1: none). */
  private static void assertAllRows(Session session, int count, int deleted) {
    Map<String, Map<String, Object>> people = MutationsIT.rows(session, "node:Person");
    assertEquals(deleted < 0 ? count : count - 1, people.size());
    for (int i = 0; i < count; i++) {
      if (i != deleted) {
        assertEquals(i, people.get("p" + i).get("age"));
        assertEquals(List.of(i), sqlRow(session, "p" + i));
      }
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
