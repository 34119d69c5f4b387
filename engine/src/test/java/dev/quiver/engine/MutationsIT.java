package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The .gq mutation dialect and transactions through the engine's Session, on real Lance tables. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MutationsIT {
  static final String DEMO_DATA =
      """
      insert Person { name: "Alice", age: 30 }
      insert Person { name: "Bob", age: 25 }
      insert Person { name: "Charlie", age: 35 }
      insert Person { name: "Diana", age: 28 }
      insert Company { name: "Acme" }
      insert Company { name: "Globex" }
      insert Knows { from: "Alice", to: "Bob" }
      insert Knows { from: "Alice", to: "Charlie" }
      insert Knows { from: "Bob", to: "Diana" }
      insert WorksAt { from: "Alice", to: "Acme" }
      insert WorksAt { from: "Bob", to: "Globex" }
      """;

  @TempDir Path directory;
  private GraphStore store;
  private Session session;

  @BeforeEach
  void createDemoGraph() {
    store = TestGraphs.withSchema("social.pg").create(directory);
    session = store.openSession(new SessionOptions("tester", Durability.PROCESS, false));
    UpdateResult loaded = (UpdateResult) session.execute(DEMO_DATA, List.of());
    assertEquals(11, loaded.counts().size());
    assertEquals(6, loaded.affectedNodes());
    assertEquals(5, loaded.affectedEdges());
    assertEquals(2, loaded.graphVersion(), "eleven statements, one graph commit");
  }

  @AfterEach
  void close() {
    session.close();
    store.close();
  }

  @Test
  void aKeyedInsertUpsertsTheWholeRow() {
    run("insert Person { name: \"Alice\" }");
    Map<String, Map<String, Object>> people = rows(session, "node:Person");
    assertEquals(4, people.size());
    assertNull(people.get("Alice").get("age"), "an omitted optional property becomes NULL");
  }

  @Test
  void aTextMixingWritesAndDeletesIsRejectedBeforeAnyIo() {
    long before = store.snapshot().graphVersion();
    GraphException mixed =
        assertThrows(GraphException.class, () -> run("insert Person { name: \"Eve\" }\ndelete Person where name = \"Bob\""));
    assertEquals(ErrorCode.RULE_VIOLATION, mixed.code());
    assertTrue(mixed.getMessage().contains("inserts/updates and deletes"), mixed.getMessage());
    assertTrue(mixed.getMessage().contains("(1) inserts and updates, then (2) deletes"), mixed.getMessage());
    assertEquals(before, store.snapshot().graphVersion());
  }

  @Test
  void d2HoldsAcrossATransactionAndTheTransactionStaysUsable() {
    session.autoCommit(false);
    run("insert Person { name: \"Eve\", age: 40 }");
    GraphException mixed = assertThrows(GraphException.class, () -> run("delete Person where name = \"Bob\""));
    assertEquals(ErrorCode.RULE_VIOLATION, mixed.code());
    run("update Person set { age: 41 } where name = \"Eve\"");
    session.commit();
    assertEquals(41, rows(session, "node:Person").get("Eve").get("age"));
    assertTrue(rows(session, "node:Person").containsKey("Bob"));
  }

  @Test
  void overlappingDeletesCountEachEntityOnce() {
    UpdateResult result =
        run("delete Person where name = \"Alice\"\ndelete Person where age > 29");
    assertEquals(List.of(1L, 1L), result.counts(), "Alice is counted by the first delete only");
    assertEquals(2, result.affectedNodes());
    assertEquals(3, result.affectedEdges(), "Knows A→B, A→C and WorksAt A→Acme, each once");
    assertEquals(List.of("Bob", "Diana"), List.copyOf(rows(session, "node:Person").keySet()));
    assertEquals(1, rows(session, "edge:Knows").size());
  }

  @Test
  void aRowWhoseEarlierPredicateIsNullStillCountsAndCascades() {
    run("insert Person { name: \"Zoe\" }\ninsert Knows { from: \"Zoe\", to: \"Bob\" }");
    UpdateResult result = run("delete Person where age > 30\ndelete Person where name = \"Zoe\"");
    assertEquals(List.of(1L, 1L), result.counts(), "Charlie, then Zoe (whose age > 30 is NULL)");
    assertEquals(2, result.affectedEdges(), "Knows A→C and Zoe's edge");
    Map<String, Map<String, Object>> knows = rows(session, "edge:Knows");
    assertFalse(knows.values().stream().anyMatch(edge -> "Zoe".equals(edge.get("src"))));
  }

  @Test
  void deleteCountsStayDistinctPastTheHistoryPushedIntoScans() {
    run("insert Person { name: \"Zoe\" }"); // age NULL: "age >= 0" is NULL for her, never TRUE
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      text.append("delete Person where age >= ").append(i).append('\n');
    }
    text.append("delete Person where name = \"Zoe\"\n");
    UpdateResult result = run(text.toString());
    List<Long> expected = new ArrayList<>(java.util.Collections.nCopies(21, 0L));
    expected.set(0, 4L);
    expected.set(20, 1L);
    assertEquals(expected, result.counts());
    assertEquals(5, result.affectedNodes());
    assertEquals(5, result.affectedEdges());
    assertEquals(List.of(), List.copyOf(rows(session, "node:Person").keySet()));
  }

  @Test
  void aCascadeLandsBeforeALaterEdgeDeleteOfTheSameText() {
    UpdateResult result = run("delete Person where name = \"Diana\"\ndelete Knows where from = \"Bob\"");
    assertEquals(List.of(1L, 0L), result.counts(), "Bob's only edge went with Diana's cascade");
    assertEquals(1, result.affectedEdges());
    UpdateResult many =
        run("delete Person where name = \"Charlie\"\ndelete Person where name = \"Bob\"\ndelete Knows where from = \"Alice\"");
    assertEquals(List.of(1L, 1L, 0L), many.counts(), "both cascades ran before the explicit delete");
    assertEquals(3, many.affectedEdges(), "Knows A→C, A→B and WorksAt B→Globex, each once");
    assertEquals(List.of(), List.copyOf(rows(session, "edge:Knows").keySet()));
  }

  @Test
  void aDeleteMatchingNothingPublishesNothing() {
    Snapshot before = store.snapshot();
    UpdateResult result = run("delete Person where name = \"Nobody\"");
    assertEquals(List.of(0L), result.counts());
    assertEquals(before.graphVersion(), store.snapshot().graphVersion());
    assertEquals(before.tableVersions(), store.snapshot().tableVersions());
    assertEquals(before.tableVersion("node:Person"), store.tableStore().head("node:Person"), "no Lance version either");
  }

  @Test
  void aCascadeIntoAnEdgeTypeWithNoIncidentEdgesLeavesThatTableAlone() {
    Snapshot before = store.snapshot();
    UpdateResult result = run("delete Person where name = \"Diana\""); // has a Knows edge, no WorksAt
    assertEquals(1, result.affectedEdges());
    Snapshot after = store.snapshot();
    assertEquals(before.tableVersion("edge:WorksAt"), after.tableVersion("edge:WorksAt"));
    assertEquals(before.tableVersion("edge:WorksAt"), store.tableStore().head("edge:WorksAt"));
    assertEquals(before.tableVersion("edge:Knows") + 1, after.tableVersion("edge:Knows"));
  }

  @Test
  void insertThenUpdateOfOneIdInOneTransactionIsOneRowWithTheNewestValue() {
    session.autoCommit(false);
    run("insert Person { name: \"Eve\", age: 20 }");
    UpdateResult updated = run("update Person set { age: 21 } where name = \"Eve\"");
    assertEquals(List.of(1L), updated.counts());
    Map<String, Map<String, Object>> inTransaction = rows(session, "node:Person");
    assertEquals(21, inTransaction.get("Eve").get("age"), "read-your-writes");
    assertEquals(5, inTransaction.size());
    try (Session other = store.openSession(SessionOptions.defaults())) {
      assertFalse(rows(other, "node:Person").containsKey("Eve"), "others see nothing before the commit");
    }
    long version = session.commit();
    Map<String, Map<String, Object>> committed = rows(session, "node:Person");
    assertEquals(21, committed.get("Eve").get("age"));
    assertEquals(5, committed.size());
    assertEquals(version, store.snapshot().graphVersion());
  }

  @Test
  void chainedUpdatesSeeTheIntermediateValue() {
    UpdateResult result =
        run("update Person set { age: 99 } where name = \"Alice\"\nupdate Person set { age: 10 } where age > 50");
    assertEquals(List.of(1L, 1L), result.counts());
    assertEquals(10, rows(session, "node:Person").get("Alice").get("age"));
  }

  @Test
  void anUpdateIsOneLanceVersionAndKeepsOtherRows() {
    long before = store.snapshot().tableVersion("node:Person");
    run("update Person set { age: 31 } where name = \"Alice\"");
    long after = store.snapshot().tableVersion("node:Person");
    assertEquals(before + 1, after);
    Map<String, Map<String, Object>> people = rows(session, "node:Person");
    assertEquals(4, people.size());
    assertEquals(31, people.get("Alice").get("age"));
    assertEquals(25, people.get("Bob").get("age"));
  }

  @Test
  void rollbackDiscardsPendingWrites() {
    session.autoCommit(false);
    run("insert Person { name: \"Eve\" }");
    session.rollback();
    long before = store.snapshot().graphVersion();
    assertEquals(before, session.commit());
    assertFalse(rows(session, "node:Person").containsKey("Eve"));
  }

  @Test
  void ofTwoConflictingTransactionsExactlyOneCommits() {
    try (Session other = store.openSession(SessionOptions.defaults())) {
      session.autoCommit(false);
      other.autoCommit(false);
      run("update Person set { age: 1 } where name = \"Alice\"");
      other.execute("update Person set { age: 2 } where name = \"Alice\"", List.of());
      session.commit();
      ConflictException conflict = assertThrows(ConflictException.class, other::commit);
      assertEquals("node:Person", conflict.table());
      assertEquals(conflict.expectedVersion() + 1, conflict.actualVersion());
      assertEquals(1, rows(other, "node:Person").get("Alice").get("age"), "the loser left no trace");
      assertFalse(other.hasPendingWrites(), "the losing transaction is rolled back");
    }
  }

  @Test
  void eightThreadsInsertingThroughSeparateSessionsLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                try (Session writer = store.openSession(new SessionOptions("w" + thread, Durability.PROCESS, false))) {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    writer.execute(
                        "insert Person { name: $n, age: $a }\ninsert Knows { from: $n, to: \"Alice\" }",
                        List.of("t" + thread + "-" + i, i));
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(4, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertEquals(4 + threads * perThread, rows(session, "node:Person").size());
    assertEquals(3 + threads * perThread, rows(session, "edge:Knows").size());
  }

  @Test
  void aFailureBetweenTableCommitsAndPublishLeavesReadersOnTheOldVersion() {
    Snapshot before = store.snapshot();
    try (var armed = FailPoints.arm(FailPoint.PUBLISH_BEFORE, FailPoints.throwing())) {
      assertThrows(
          FailPoints.InjectedFault.class,
          () -> run("insert Person { name: \"Eve\" }\ninsert Knows { from: \"Eve\", to: \"Bob\" }"));
    }
    // The moved tables were restored and the restored content published as an audited roll back.
    assertEquals(before.graphVersion() + 1, store.snapshot().graphVersion());
    CommitRecord rollBack = store.commits().get(store.commits().size() - 1);
    assertEquals("recovery", rollBack.kind());
    assertEquals("rolled_back", store.recoveries().get(store.recoveries().size() - 1).outcome());
    assertFalse(rows(session, "node:Person").containsKey("Eve"));
    assertFalse(rows(session, "edge:Knows").values().stream().anyMatch(edge -> "Eve".equals(edge.get("src"))));
    run("insert Person { name: \"Fay\" }");
    assertTrue(rows(session, "node:Person").containsKey("Fay"));
    assertFalse(rows(session, "node:Person").containsKey("Eve"));
  }

  @Test
  void parametersBindByFirstAppearanceAndNowOncePerText() {
    run("insert Person { name: $n, age: $a }\ninsert Knows { from: $n, to: \"Bob\", since: $d }", "Eve", 41, LocalDate.of(2020, 1, 2));
    assertEquals(41, rows(session, "node:Person").get("Eve").get("age"));
    assertTrue(rows(session, "edge:Knows").values().stream().anyMatch(e -> LocalDate.of(2020, 1, 2).equals(e.get("since"))));
  }

  @Test
  void everyOwnedErrorHasItsCodeAndPosition() {
    assertCode(ErrorCode.UNKNOWN_TYPE, "insert Persn { name: \"x\" }");
    GraphException unknownProperty = assertCode(ErrorCode.UNKNOWN_PROPERTY, "insert Person {\n  name: \"x\", agee: 3 }");
    assertEquals(2, unknownProperty.line());
    assertEquals(14, unknownProperty.column());
    assertCode(ErrorCode.INVALID_VALUE, "insert Person { name: \"x\", age: \"thirty\" }");
    assertCode(ErrorCode.VALUE_OUT_OF_RANGE, "insert Person { name: \"x\", age: 3000000000 }");
    assertCode(ErrorCode.INVALID_DATE, "insert Knows { from: \"Alice\", to: \"Bob\", since: date(\"2020-13-45\") }");
    assertCode(ErrorCode.REQUIRED_PROPERTY_MISSING, "insert Person { age: 3 }");
    assertCode(ErrorCode.REQUIRED_PROPERTY_MISSING, "insert Knows { from: \"Alice\" }");
    assertCode(ErrorCode.ENDPOINT_NOT_FOUND, "insert Knows { from: \"Alice\", to: \"Ghost\" }");
    assertCode(ErrorCode.RULE_VIOLATION, "update Person set { name: \"Al\" } where name = \"Alice\"");
    GraphException syntax = assertCode(ErrorCode.SYNTAX_ERROR, "insert Person {\n name \"x\" }");
    assertEquals(2, syntax.line());
    long before = store.snapshot().graphVersion();
    assertEquals(4, rows(session, "node:Person").size());
    assertEquals(before, store.snapshot().graphVersion(), "no failed text changed anything");
  }

  @Test
  void aParameterOfTheWrongTypeIsA22023NamingIt() {
    GraphException declared =
        assertThrows(
            GraphException.class,
            () -> run("query add($n: String, $a: I32) { insert Person { name: $n, age: $a } }", "Eve", "thirty"));
    assertEquals(ErrorCode.INVALID_VALUE, declared.code());
    assertTrue(declared.getMessage().contains("parameter $a (index 2)"), declared.getMessage());
    GraphException undeclared =
        assertThrows(GraphException.class, () -> run("insert Person { name: $n, age: $a }", "Eve", "thirty"));
    assertEquals(ErrorCode.INVALID_VALUE, undeclared.code());
    assertTrue(undeclared.getMessage().contains("parameter $a (index 2)"), undeclared.getMessage());
    GraphException read =
        assertThrows(
            GraphException.class,
            () -> session.execute("query who($n: String) { match { $p: Person { name: $n } } return { $p.age } }", List.of(5)));
    assertEquals(ErrorCode.INVALID_VALUE, read.code());
    assertTrue(read.getMessage().contains("parameter $n (index 1)"), read.getMessage());
    assertEquals(
        ErrorCode.INVALID_VALUE,
        assertThrows(
                GraphException.class,
                () -> session.execute("query who($n: String) { match { $p: Person { name: $n } } return { $p.age } }", java.util.Arrays.asList((Object) null)))
            .code(),
        "a non-nullable declared parameter cannot be NULL");
  }

  @Test
  void constraintsOfTheSchemaAreEnforced() {
    session.execute(
        TestGraphs.resource("social.pg")
            + "\nnode Account { handle: String @key  email: String? @unique  level: I32? role: enum(admin, guest)? }"
            + "\nedge Owns: Person -> Account @card(0..1)",
        List.of());
    // @range and @check cannot be added to an existing graph (destructive), so use a fresh graph for them.
    run("insert Account { handle: \"a\", email: \"a@x\", role: \"admin\" }");
    assertCode(ErrorCode.UNIQUE_VIOLATION, "insert Account { handle: \"b\", email: \"a@x\" }");
    assertCode(ErrorCode.CHECK_VIOLATION, "insert Account { handle: \"c\", role: \"superadmin\" }");
    run("insert Account { handle: \"b\" }\ninsert Owns { from: \"Alice\", to: \"a\" }");
    assertCode(ErrorCode.CHECK_VIOLATION, "insert Owns { from: \"Alice\", to: \"b\" }");
  }

  @Test
  void aSchemaInsideATransactionWithPendingWritesIsRefused() {
    session.autoCommit(false);
    run("insert Person { name: \"Eve\" }");
    GraphException refused =
        assertThrows(GraphException.class, () -> session.execute(TestGraphs.resource("social.pg") + "\nnode X { a: I32 @key }", List.of()));
    assertEquals(ErrorCode.SCHEMA_CHANGE_IN_TRANSACTION, refused.code());
    assertTrue(session.hasPendingWrites());
  }

  @Test
  void aReadOnlySessionRefusesWrites() {
    try (Session reader = store.openSession(new SessionOptions("r", Durability.PROCESS, true))) {
      GraphException refused =
          assertThrows(GraphException.class, () -> reader.execute("insert Person { name: \"Eve\" }", List.of()));
      assertEquals(ErrorCode.READ_ONLY, refused.code());
    }
  }

  @Test
  void describeFindsParametersAndWhetherATextReadsWithoutRunningIt() {
    long before = store.snapshot().graphVersion();
    StatementShape insert = session.describe("insert Person { name: $n, age: $a }\ninsert Knows { from: $n, to: $b }");
    assertFalse(insert.producesRows());
    assertEquals(List.of("$n", "$a", "$b"), insert.parameters());
    assertEquals(List.of("?", "?"), session.describe("SELECT * FROM Person WHERE name = ? AND note <> '?' AND age > ?").parameters());
    assertTrue(session.describe("SELECT 1").producesRows());
    assertFalse(session.describe(TestGraphs.resource("social.pg")).producesRows());
    assertEquals(ErrorCode.SYNTAX_ERROR, assertThrows(GraphException.class, () -> session.describe("insert Person {")).code());
    assertEquals(ErrorCode.SYNTAX_ERROR, assertThrows(GraphException.class, () -> run(" -- nothing\n")).code());
    assertEquals(before, store.snapshot().graphVersion());
  }

  @Test
  void aSessionMadeReadOnlyRefusesWritesUntilMadeWritableAgain() {
    session.readOnly(true);
    assertEquals(ErrorCode.READ_ONLY, assertThrows(GraphException.class, () -> run("insert Person { name: \"Eve\" }")).code());
    session.readOnly(false);
    assertEquals(1, run("insert Person { name: \"Eve\" }").total());
  }

  private GraphException assertCode(ErrorCode code, String text) {
    GraphException failure = assertThrows(GraphException.class, () -> run(text));
    assertEquals(code, failure.code(), failure.getMessage());
    return failure;
  }

  private UpdateResult run(String text, Object... parameters) {
    return (UpdateResult) session.execute(text, List.of(parameters));
  }

  /** id → row of a table as a published snapshot holds it. */
  static Map<String, Map<String, Object>> rowsAt(GraphStore store, Snapshot snapshot, String tableKey) {
    return dev.quiver.engine.testing.TableRows.byId(new dev.quiver.engine.view.CommittedView(store.tableStore(), snapshot), tableKey);
  }

  /** id → row (column → value) of a table as the session sees it (its transaction included). */
  static Map<String, Map<String, Object>> rows(Session session, String tableKey) {
    Map<String, Map<String, Object>> out = dev.quiver.engine.testing.TableRows.byId(session.transaction().view(), tableKey);
    if (session.autoCommit()) {
      session.transaction().clear(); // reading through the transaction pinned a snapshot: release it
    }
    return out;
  }
}
