package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without group commit (and for batches, which are not grouped), an auto-committed insert-only text that
 * loses a race is retried holding the commit gate, so the retry cannot lose again; other texts surface the
 * conflict.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InsertRetryIT {
  @TempDir Path directory;
  private GraphStore store;
  private Session first;
  private Session second;

  @BeforeEach
  void open() {
    store = TestGraphs.withSchema("social.pg").create(directory);
    store.groupCommit(false); // single texts: the path without group commit (GroupCommitIT covers groups)
    first = store.openSession(new SessionOptions("first", Durability.PROCESS, false));
    second = store.openSession(new SessionOptions("second", Durability.PROCESS, false));
    first.execute("insert Person { name: \"Ada\" }", List.of());
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
    store.close();
  }

  @Test
  void anInsertThatLosesARaceIsRetriedHoldingTheGateAndLands() {
    Thread inserting = Thread.currentThread();
    AtomicInteger attempts = new AtomicInteger();
    List<Boolean> gateHeldAtAttempt = new ArrayList<>();
    try (var armed =
        FailPoints.arm(
            FailPoint.COMMIT_BEFORE_GATE,
            point -> {
              if (Thread.currentThread() != inserting) {
                return; // the other session's own commit
              }
              gateHeldAtAttempt.add(store.committer().gate().heldByCurrentThread());
              if (attempts.incrementAndGet() == 1) {
                // another client commits into the same table after this text staged: its commit must conflict
                CompletableFuture.runAsync(() -> second.execute("insert Person { name: \"Bob\" }", List.of())).join();
              }
            })) {
      first.execute("insert Person { name: \"Eve\" }\ninsert Knows { from: \"Eve\", to: \"Ada\" }", List.of());
    }
    assertEquals(List.of(false, true), gateHeldAtAttempt, "the first attempt raced, the retry held the gate");
    assertEquals(List.of("Ada", "Bob", "Eve"), names());
  }

  @Test
  void anInsertBatchThatLosesARaceIsRetriedHoldingTheGateAndLands() {
    Thread inserting = Thread.currentThread();
    List<Boolean> gateHeldAtAttempt = new ArrayList<>();
    try (var armed =
        FailPoints.arm(
            FailPoint.COMMIT_BEFORE_GATE,
            point -> {
              if (Thread.currentThread() == inserting) {
                gateHeldAtAttempt.add(store.committer().gate().heldByCurrentThread());
                if (gateHeldAtAttempt.size() == 1) {
                  CompletableFuture.runAsync(() -> second.execute("insert Person { name: \"Bob\" }", List.of())).join();
                }
              }
            })) {
      List<UpdateResult> results =
          first.executeBatch(
              List.of("insert Person { name: \"Eve\" }", "insert Knows { from: \"Eve\", to: \"Ada\" }"),
              List.of(List.of(), List.of()),
              0);
      assertEquals(2, results.size());
      assertEquals(results.get(0).graphVersion(), results.get(1).graphVersion(), "one commit");
    }
    assertEquals(List.of(false, true), gateHeldAtAttempt, "the first attempt raced, the retry held the gate");
    assertEquals(List.of("Ada", "Bob", "Eve"), names());
  }

  @Test
  void anUpdateThatLosesARaceSurfacesTheConflict() {
    Thread updating = Thread.currentThread();
    AtomicInteger attempts = new AtomicInteger();
    try (var armed =
        FailPoints.arm(
            FailPoint.COMMIT_BEFORE_GATE,
            point -> {
              if (Thread.currentThread() == updating && attempts.incrementAndGet() == 1) {
                CompletableFuture.runAsync(() -> second.execute("insert Person { name: \"Bob\" }", List.of())).join();
              }
            })) {
      GraphException conflict =
          assertThrows(GraphException.class, () -> first.execute("update Person set { age: 3 } where name = \"Ada\"", List.of()));
      assertEquals(ErrorCode.CONFLICT, conflict.code());
    }
    assertEquals(1, attempts.get(), "not retried");
  }

  @Test
  void manyClientsInsertingIntoTheSameTablesAllLand() throws Exception {
    int clients = 6;
    int each = 15;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          try (Session session = store.openSession(new SessionOptions("c" + client, Durability.PROCESS, false))) {
            for (int k = 0; k < each; k++) {
              String name = "p" + client + "_" + k;
              session.execute(
                  "insert Person { name: \"" + name + "\" }\ninsert Knows { from: \"" + name + "\", to: \"Ada\" }", List.of());
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1 + clients * each, names().size());
    assertEquals(List.of(String.valueOf(clients * each)), rows("SELECT COUNT(*) FROM Knows"));
  }

  private List<String> names() {
    return rows("SELECT name FROM Person ORDER BY name");
  }

  private List<String> rows(String sql) {
    return GqReadIT.rows(first, sql);
  }
}
