package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Cancel, timeout and interruption stop a statement with CANCELLED and leave the graph as if it never ran. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CancellationIT {
  private static final String TWO_TABLES = "insert Person { name: \"Eve\" }\ninsert Knows { from: \"Eve\", to: \"Bob\" }";

  @TempDir Path directory;
  private GraphStore store;
  private Session session;

  @BeforeEach
  void createDemoGraph() {
    store = TestGraphs.withSchema("social.pg").create(directory);
    session = store.openSession(new SessionOptions("c", Durability.PROCESS, false));
    session.execute(MutationsIT.DEMO_DATA, List.of());
  }

  @AfterEach
  void close() {
    Thread.interrupted();
    session.close();
    store.close();
  }

  @Test
  void cancelFromAnotherThreadStopsACommitBeforeItsTablesMove() throws Exception {
    Snapshot before = store.snapshot();
    CountDownLatch parked = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    try (var armed =
        FailPoints.arm(
            FailPoint.COMMIT_BEFORE_GATE,
            point -> {
              parked.countDown();
              await(cancelled);
            })) {
      CompletableFuture<Object> running =
          CompletableFuture.supplyAsync(() -> session.execute(TWO_TABLES, List.of()));
      assertTrue(parked.await(1, TimeUnit.MINUTES), "the commit reached the commit gate");
      session.cancel();
      cancelled.countDown();
      GraphException failure = (GraphException) unwrap(assertThrows(Exception.class, running::join));
      assertEquals(ErrorCode.CANCELLED, failure.code());
    }
    assertContentUnchanged(before);
    session.execute("insert Person { name: \"Fay\" }", List.of());
    assertTrue(MutationsIT.rows(session, "node:Person").containsKey("Fay"), "the next write succeeds");
  }

  @Test
  void aTimeoutStopsAStatementThatRunsTooLong() {
    Snapshot before = store.snapshot();
    try (var armed = FailPoints.arm(FailPoint.COMMIT_BEFORE_GATE, point -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)))) {
      GraphException failure = assertThrows(GraphException.class, () -> session.execute(TWO_TABLES, List.of(), 5));
      assertEquals(ErrorCode.CANCELLED, failure.code());
      assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
    }
    assertContentUnchanged(before);
  }

  @Test
  void anInterruptBeforeTheCommitGateStopsTheCommitWithoutATrace() {
    Snapshot before = store.snapshot();
    try (var armed = FailPoints.arm(FailPoint.COMMIT_BEFORE_GATE, point -> Thread.currentThread().interrupt())) {
      GraphException failure = assertThrows(GraphException.class, () -> session.execute(TWO_TABLES, List.of()));
      assertEquals(ErrorCode.CANCELLED, failure.code());
      assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
    }
    assertEquals(before.graphVersion(), store.snapshot().graphVersion(), "no commit, not even a recovery");
    for (String table : List.of("node:Person", "edge:Knows")) {
      assertEquals(before.tableVersion(table), store.tableStore().head(table), "HEAD of " + table + " never moved");
    }
    session.execute("insert Person { name: \"Fay\" }", List.of());
  }

  @Test
  void anInterruptAfterTheFirstTableCommitLetsTheCommitComplete() {
    Snapshot before = store.snapshot();
    try (var armed = FailPoints.arm(FailPoint.TABLE_AFTER_COMMIT, point -> Thread.currentThread().interrupt())) {
      UpdateResult done = (UpdateResult) session.execute(TWO_TABLES, List.of());
      assertEquals(before.graphVersion() + 1, done.graphVersion(), "past the first table commit it publishes");
      assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
    }
    assertTrue(MutationsIT.rows(session, "node:Person").containsKey("Eve"));
    assertTrue(MutationsIT.rows(session, "edge:Knows").values().stream().anyMatch(e -> "Eve".equals(e.get("src"))));
    for (String table : List.of("node:Person", "edge:Knows")) {
      assertEquals(store.snapshot().tableVersion(table), store.tableStore().head(table), "manifest == HEAD for " + table);
    }
  }

  @Test
  void cancellingAStreamingReadStopsItAndReleasesTheScan() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      many.append("insert Person { name: \"p").append(i).append("\" }\n");
    }
    session.execute(many.toString(), List.of());
    try (QueryResult result = (QueryResult) session.execute("SELECT name FROM Person", List.of())) {
      for (int i = 0; i < 10; i++) {
        assertTrue(result.rows().next());
      }
      session.cancel();
      GraphException failure =
          assertThrows(
              GraphException.class,
              () -> {
                while (result.rows().next()) {
                  // read until the cancellation point
                }
              });
      assertEquals(ErrorCode.CANCELLED, failure.code());
    }
  }

  @Test
  void anInterruptedLoadLoadsNothingAndFreesTheBatchesItWasStaging() throws Exception {
    Snapshot before = store.snapshot();
    Path file = directory.resolve("many.ndjson");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 100_000; i++) { // several batches: one is being staged when the interrupt comes
      lines.append("{\"type\":\"Person\",\"data\":{\"name\":\"n").append(i).append("\"}}\n");
    }
    java.nio.file.Files.writeString(file, lines);
    session.loadProgress((read, bytes, total) -> Thread.currentThread().interrupt()); // at line 65,536
    GraphException failure =
        assertThrows(GraphException.class, () -> session.execute("load \"" + file + "\"", List.of()));
    assertEquals(ErrorCode.CANCELLED, failure.code());
    assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
    assertEquals(before.graphVersion(), store.snapshot().graphVersion());
    assertContentUnchanged(before);
    session.loadProgress((read, bytes, total) -> {});
    session.execute("load \"" + file + "\"", List.of()); // and the store closes without a leaked batch
    assertEquals(100_004, store.rowCount(store.snapshot(), "node:Person"));
  }

  @Test
  void aCancelledStatementRollsBackItsTransaction() throws Exception {
    session.autoCommit(false);
    session.execute("insert Person { name: \"Eve\" }", List.of());
    CountDownLatch parked = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    try (var armed =
        FailPoints.arm(
            FailPoint.COMMIT_BEFORE_GATE,
            point -> {
              parked.countDown();
              await(cancelled);
            })) {
      CompletableFuture<Long> committing = CompletableFuture.supplyAsync(session::commit);
      assertTrue(parked.await(1, TimeUnit.MINUTES));
      session.cancel();
      cancelled.countDown();
      assertEquals(ErrorCode.CANCELLED, ((GraphException) unwrap(assertThrows(Exception.class, committing::join))).code());
    }
    assertFalse(session.hasPendingWrites());
    assertFalse(MutationsIT.rows(session, "node:Person").containsKey("Eve"));
  }

  @Test
  void aCancelBetweenStatementsHasNoEffect() {
    session.cancel();
    session.execute("insert Person { name: \"Eve\" }", List.of());
    assertTrue(MutationsIT.rows(session, "node:Person").containsKey("Eve"));
  }

  private void assertContentUnchanged(Snapshot before) {
    for (String table : List.of("node:Person", "edge:Knows")) {
      assertEquals(
          MutationsIT.rowsAt(store, before, table),
          MutationsIT.rowsAt(store, store.snapshot(), table),
          "content of " + table);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new AssertionError("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
