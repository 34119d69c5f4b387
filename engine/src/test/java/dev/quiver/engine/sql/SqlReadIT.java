package dev.quiver.engine.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Column;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.testing.GraphRows;
import dev.quiver.engine.testing.SocialData;
import dev.quiver.engine.testing.TestGraphs;
import dev.quiver.engine.view.CommittedView;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SQL reads through Calcite on real Lance tables: rows, pushdown (EXPLAIN and the filters storage gets), errors. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SqlReadIT {
  private static final SqlEngine SQL = new SqlEngine();

  @TempDir static Path socialDir;
  private static GraphStore social;

  @BeforeAll
  static void loadSocialGraph() {
    social = TestGraphs.withSchema("social.pg").create(socialDir);
    SocialData.load(social);
  }

  @AfterAll
  static void closeSocialGraph() {
    social.close();
  }

  // ---- helpers

  private static List<List<Object>> rows(String sql, Object... params) {
    return rows(CommittedView.latest(social), social, sql, params);
  }

  private static List<List<Object>> rows(ReadView view, GraphStore store, String sql, Object... params) {
    try (QueryResult result = SQL.query(sql, Arrays.asList(params), view, store)) {
      List<List<Object>> out = new ArrayList<>();
      while (result.rows().next()) {
        out.add(Arrays.asList(result.rows().row()));
      }
      return out;
    }
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static String explain(String sql) {
    return SQL.explain(sql, CommittedView.latest(social), social);
  }

  private static GraphException fails(String sql, Object... params) {
    return assertThrows(GraphException.class, () -> rows(sql, params));
  }

  /** A view that records the filters and columns each scan was given. */
  private static final class RecordingView implements ReadView {
    private final ReadView inner;
    final List<Filter> filters = new ArrayList<>();
    final List<List<String>> columns = new ArrayList<>();

    RecordingView(ReadView inner) {
      this.inner = inner;
    }

    @Override
    public Snapshot snapshot() {
      return inner.snapshot();
    }

    @Override
    public RowCursor scan(String tableKey, List<String> columns, Filter filter) {
      this.filters.add(filter);
      this.columns.add(columns);
      return inner.scan(tableKey, columns, filter);
    }
  }

  // ---- SPEC §10 and the basics

  @Test
  void theSpecJoinQueryListsWhoKnowsWhom() {
    assertEquals(
        List.of(row("Alice", "Bob"), row("Alice", "Charlie"), row("Bob", "Diana")),
        rows("SELECT p.name, f.name AS friend FROM Knows k JOIN Person p ON k.src = p.id "
            + "JOIN Person f ON k.dst = f.id ORDER BY p.name, friend"));
  }

  @Test
  void resultColumnsCarryLabelsAndSqlTypes() {
    try (QueryResult result =
        SQL.query("SELECT name, age AS years FROM Person", List.of(), CommittedView.latest(social), social)) {
      assertEquals(
          List.of(new Column("name", "VARCHAR", 0, 0, false), new Column("years", "INTEGER", 0, 0, true)),
          result.columns());
    }
  }

  @Test
  void identifiersAreCaseInsensitive() {
    List<List<Object>> expected = List.of(row("Alice"), row("Bob"), row("Charlie"), row("Diana"));
    assertEquals(expected, rows("SELECT NAME FROM person ORDER BY name"));
    assertEquals(expected, rows("select name from graph.PERSON order by NAME"));
    assertEquals(expected, rows("SELECT \"name\" FROM \"PERSON\" ORDER BY 1"));
  }

  @Test
  void aggregatesOrderByLimitAndOffset() {
    assertEquals(List.of(row(4L, 118L, 25, 35)), rows("SELECT COUNT(*), SUM(age), MIN(age), MAX(age) FROM Person"));
    assertEquals(List.of(row(29.5)), rows("SELECT AVG(age) FROM Person"));
    assertEquals(List.of(row("Alice"), row("Diana")), rows("SELECT name FROM Person ORDER BY age DESC LIMIT 2 OFFSET 1"));
    assertEquals(
        List.of(row("Alice", 2L), row("Bob", 1L)),
        rows("SELECT src, COUNT(*) AS n FROM Knows GROUP BY src HAVING COUNT(*) > 0 ORDER BY n DESC, src"));
  }

  @Test
  void subQueriesOuterJoinsAndSetOperationsWork() {
    assertEquals(
        List.of(row("Charlie"), row("Diana")),
        rows("SELECT name FROM Person p WHERE NOT EXISTS (SELECT 1 FROM WorksAt w WHERE w.src = p.id) ORDER BY name"));
    assertEquals(
        List.of(row("Alice", "Acme"), row("Bob", "Globex"), row("Charlie", null), row("Diana", null)),
        rows("SELECT p.name, c.name FROM Person p LEFT JOIN WorksAt w ON w.src = p.id "
            + "LEFT JOIN Company c ON c.id = w.dst ORDER BY p.name"));
    assertEquals(
        List.of(row(6L)),
        rows("WITH names AS (SELECT name FROM Person UNION SELECT name FROM Company) SELECT COUNT(*) FROM names"));
    assertEquals(List.of(row("Alice")), rows("SELECT name FROM Person ORDER BY name FETCH FIRST 1 ROWS ONLY"));
  }

  // ---- pushdown

  @Test
  void aComparisonIsPushedIntoTheScanAndOnlyNeededColumnsAreRead() {
    String sql = "SELECT name FROM Person WHERE age > 26";
    String plan = explain(sql);
    // The filter is storage's alone: the scan does not even read age.
    assertTrue(plan.contains("GraphTableScan(table=[[GRAPH, Person]], columns=[[name]], filters=[[>($2, 26)]])"), plan);
    assertTrue(plan.contains("GRAPH.Person columns=[name] filter=age > 26\n"), plan);
    RecordingView view = new RecordingView(CommittedView.latest(social));
    assertEquals(List.of(row("Alice"), row("Charlie"), row("Diana")), rows(view, social, sql + " ORDER BY name"));
    assertEquals(List.of(new Filter.Compare("age", Filter.Op.GT, 26L)), view.filters);
    assertEquals(List.of(List.of("name")), view.columns);
  }

  @Test
  void inListsAndRangesArePushedAsStructuredFilters() {
    RecordingView view = new RecordingView(CommittedView.latest(social));
    assertEquals(
        List.of(row("Bob")),
        rows(view, social, "SELECT name FROM Person WHERE name IN ('Alice', 'Bob') AND age < 28"));
    assertEquals(
        List.of(new Filter.And(List.of(new Filter.In("name", List.of("Alice", "Bob")), new Filter.Compare("age", Filter.Op.LT, 28L)))),
        view.filters);
  }

  @Test
  void parametersArePushedWithTheirBoundValues() {
    String sql = "SELECT name FROM Person WHERE name = ? OR age = ?";
    assertTrue(explain(sql).contains("filter=(name = ?0) OR (age = ?1)"), explain(sql));
    RecordingView view = new RecordingView(CommittedView.latest(social));
    assertEquals(List.of(row("Bob"), row("Charlie")), rows(view, social, sql + " ORDER BY name", "Bob", 35));
    assertEquals(
        List.of(new Filter.Or(List.of(new Filter.Compare("name", Filter.Op.EQ, "Bob"), new Filter.Compare("age", Filter.Op.EQ, 35L)))),
        view.filters);
  }

  @Test
  void whatStorageCannotEvaluateExactlyStaysWithCalcite() {
    String plan = explain("SELECT name FROM Person WHERE age > 26.5 AND name LIKE 'A%' AND UPPER(name) = 'ALICE'");
    assertTrue(plan.contains("filter=none"), plan);
    assertTrue(plan.contains("calcite-filter="), plan);
    assertEquals(List.of(row("Alice")), rows("SELECT name FROM Person WHERE age > 26.5 AND name LIKE 'A%' AND UPPER(name) = 'ALICE'"));
  }

  @Test
  void oneCompiledPlanFiltersRightWhetherOrNotABoundValueCanBePushed() {
    // The plan is compiled once; a NULL cannot be pushed (no filter reaches storage), and the compiled
    // filter above the scan still decides the rows.
    String sql = "SELECT name, age FROM Person WHERE name = ? AND age >= ?";
    RecordingView view = new RecordingView(CommittedView.latest(social));
    assertEquals(List.of(row("Alice", 30)), rows(view, social, sql, "Alice", 18));
    assertEquals(List.of(), rows(view, social, sql, null, 18));
    assertEquals(List.of(), rows(view, social, sql, "Alice", null));
    assertEquals(List.of(row("Bob", 25)), rows(view, social, sql, "Bob", 25));
    assertEquals(new Filter.Compare("name", Filter.Op.EQ, "Alice"), ((Filter.And) view.filters.get(0)).operands().get(0));
    assertEquals(new Filter.Compare("age", Filter.Op.GE, 18L), view.filters.get(1));
    assertEquals(new Filter.Compare("name", Filter.Op.EQ, "Alice"), view.filters.get(2));
    assertEquals(List.of("name", "age"), view.columns.get(0));
  }

  @Test
  void quotesInLiteralsAndParametersCannotChangeTheFilter() {
    assertEquals(List.of(), rows("SELECT name FROM Person WHERE name = 'x'' OR ''1''=''1'"));
    assertEquals(List.of(), rows("SELECT name FROM Person WHERE name = ?", "x' OR '1'='1"));
    assertEquals(List.of(), rows("SELECT name FROM Person WHERE name IN (?, 'a''b')", "x') OR true OR ('"));
    assertEquals(List.of(), rows("SELECT name FROM Person WHERE name = ?", "Bob` = `Bob"));
  }

  @Test
  void nullFollowsThreeValuedLogic() {
    assertEquals(List.of(row(3L)), rows("SELECT COUNT(*) FROM Knows WHERE since IS NULL"));
    assertEquals(List.of(row(0L)), rows("SELECT COUNT(*) FROM Knows WHERE since IS NOT NULL"));
    assertEquals(List.of(row(0L)), rows("SELECT COUNT(*) FROM Knows WHERE since = DATE '2020-01-01'"));
    assertEquals(List.of(row(0L)), rows("SELECT COUNT(*) FROM Knows WHERE NOT (since = DATE '2020-01-01')"));
    assertEquals(List.of(row(3L)), rows("SELECT COUNT(*) FROM Knows WHERE (since = DATE '2020-01-01') IS NOT TRUE"));
    assertEquals(List.of(row(0L)), rows("SELECT COUNT(*) FROM Person WHERE name = ?", (Object) null));
  }

  // ---- system tables

  @Test
  void systemTablesListCommitsAndTables() {
    List<List<Object>> commits = rows("SELECT graph_version, actor, kind, tables FROM quiver.commits ORDER BY graph_version");
    assertEquals(2, commits.size());
    assertEquals(row(2L, "test", "load", "edge:Knows,edge:WorksAt,node:Company,node:Person"), commits.get(1));
    assertEquals(
        List.of(row("Person", "node", 4L), row("Company", "node", 2L), row("Knows", "edge", 3L), row("WorksAt", "edge", 2L)),
        rows("SELECT type_name, kind, row_count FROM QUIVER.tables"));
    assertEquals(List.of(), rows("SELECT * FROM quiver.recoveries"));
    assertTrue(rows("SELECT committed_at FROM quiver.commits").get(0).get(0) instanceof Instant);
  }

  // ---- refusals and errors

  @Test
  void sqlWritesAreRefusedWithAHintToUseGq() {
    for (String sql :
        List.of(
            "INSERT INTO Person (id, name, age) VALUES ('Eve', 'Eve', 1)",
            "UPDATE Person SET age = 1",
            "DELETE FROM Person",
            "MERGE INTO Person p USING Person q ON p.id = q.id WHEN MATCHED THEN UPDATE SET age = 1",
            "CREATE TABLE t (x INT)",
            "  /* c */ drop table Person",
            "EXPLAIN PLAN FOR DELETE FROM Person")) {
      GraphException e = fails(sql);
      assertEquals(ErrorCode.UNSUPPORTED, e.code(), sql);
      assertTrue(e.getMessage().contains(SqlEngine.READ_ONLY_HINT), e.getMessage());
    }
  }

  @Test
  void errorsCarryCodesAndPositions() {
    GraphException syntax = fails("SELECT name\nFROM Person WHERE");
    assertEquals(ErrorCode.SYNTAX_ERROR, syntax.code());
    assertEquals(2, syntax.line());
    assertEquals(17, syntax.column());
    GraphException type = fails("SELECT * FROM Nobody");
    assertEquals(ErrorCode.UNKNOWN_TYPE, type.code());
    assertEquals(1, type.line());
    assertEquals(15, type.column());
    assertEquals(ErrorCode.UNKNOWN_PROPERTY, fails("SELECT agee FROM Person").code());
    assertEquals(ErrorCode.RULE_VIOLATION, fails("SELECT name FROM Person GROUP BY age").code());
    assertEquals(ErrorCode.INVALID_VALUE, fails("SELECT age / (age - age) FROM Person").code());
    assertEquals(ErrorCode.INVALID_VALUE, fails("SELECT name FROM Person WHERE age = ?", "thirty").code());
    assertEquals(ErrorCode.INVALID_VALUE, fails("SELECT name FROM Person WHERE age = ?").code());
  }

  @Test
  void explainPlanForReturnsThePlanAsOneColumn() {
    try (QueryResult result =
        SQL.query("EXPLAIN PLAN FOR SELECT name FROM Person WHERE age = 30", List.of(), CommittedView.latest(social), social)) {
      assertEquals("PLAN", result.columns().get(0).label());
      assertTrue(result.rows().next());
      String plan = (String) result.rows().row()[0];
      assertTrue(plan.contains("filter=age = 30"), plan);
    }
  }

  @Test
  void aStatementIsPlannedOncePerCatalog() {
    String sql = "SELECT name FROM Person WHERE age >= ?";
    SqlPlanner.Plan first = SQL.plan(sql, social.catalog());
    assertEquals(List.of(row("Charlie")), rows(sql, 31));
    assertSame(first, SQL.plan(sql, social.catalog()));
  }

  @Test
  void warmUpRunsWithoutAGraph() {
    new SqlEngine().warmUp();
  }

  // ---- snapshots and types, on their own graphs

  @Test
  void closingAResultEarlyReleasesItsScans(@TempDir Path dir) {
    GraphStore store = TestGraphs.withSchema("social.pg").create(dir);
    try {
      SocialData.load(store);
      for (String sql :
          List.of(
              "SELECT name FROM Person",
              "SELECT p.name, f.name FROM Knows k JOIN Person p ON k.src = p.id JOIN Person f ON k.dst = f.id")) {
        try (QueryResult result = SQL.query(sql, List.of(), CommittedView.latest(store), store)) {
          assertTrue(result.rows().next());
        }
      }
    } finally {
      store.close(); // under -Dquiver.test.leakCheck=true an unreleased Arrow buffer fails this close
    }
  }

  @Test
  void aViewOnAnOlderSnapshotKeepsReadingItsRows(@TempDir Path dir) {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(dir)) {
      Snapshot old = SocialData.load(store);
      new GraphRows().add("node:Person", "Eve", "Eve", 41).commit(store);
      ReadView stale = new CommittedView(store.tableStore(), old);
      assertEquals(List.of(row(4L)), rows(stale, store, "SELECT COUNT(*) FROM Person"));
      assertEquals(List.of(row(5L)), rows(CommittedView.latest(store), store, "SELECT COUNT(*) FROM Person"));
      assertEquals(List.of(row(2L)), rows(stale, store, "SELECT COUNT(*) FROM quiver.commits"));
      assertEquals(List.of(row(3L)), rows(CommittedView.latest(store), store, "SELECT COUNT(*) FROM quiver.commits"));
    }
  }

  @Test
  void aFilterStorageEvaluatesIsNotEvaluatedAgainByCalcite(@TempDir Path dir) {
    // Calcite orders strings by UTF-16 units and floats without -0.0; storage by UTF-8 bytes and a total order.
    // A filter storage took must decide the rows alone, whatever the shape of the plan above the scan.
    try (GraphStore store = TestGraphs.withSchema("alltypes.pg").create(dir)) {
      new GraphRows()
          // id, name, flag, small, big, u32, u64, f32, f64, born, seen, blob, tags, ints, vec, mood
          .add("node:Thing", "\uD83D\uDE00", "\uD83D\uDE00", null, null, null, null, null, null, -0.0, null, null,
              null, null, null, null, null)
          .add("node:Thing", "\uFF71", "\uFF71", null, null, null, null, null, null, 0.0, null, null, null, null,
              null, null, null)
          .commit(store);
      ReadView view = CommittedView.latest(store);
      String emoji = "\uD83D\uDE00";
      List<List<Object>> direct = rows(view, store, "SELECT name FROM Thing WHERE name > ?", "\uFF71");
      assertEquals(List.of(row(emoji)), direct, "storage compares UTF-8 bytes");
      assertEquals(direct, rows(view, store, "SELECT name FROM Thing WHERE name > ? ORDER BY name", "\uFF71"));
      assertEquals(List.of(row(1L)), rows(view, store, "SELECT COUNT(*) FROM Thing WHERE name > ?", "\uFF71"));
      assertEquals(List.of(row("\uFF71")), rows(view, store, "SELECT name FROM Thing WHERE f64 = ? ORDER BY name", 0.0));
      assertEquals(List.of(row(1L)), rows(view, store, "SELECT COUNT(*) FROM Thing WHERE f64 < ?", 0.0));
      // A NULL parameter keeps the filter from storage: the fallback plan applies it (nothing matches).
      assertEquals(List.of(row(0L)), rows(view, store, "SELECT COUNT(*) FROM Thing WHERE name > ?", (Object) null));
    }
  }

  @Test
  void everyPropertyTypeRoundTrips(@TempDir Path dir) {
    LocalDate born = LocalDate.of(1990, 5, 17);
    Instant seen = Instant.parse("2024-02-29T12:34:56.789Z");
    BigInteger u64 = new BigInteger("18446744073709551615");
    try (GraphStore store = TestGraphs.withSchema("alltypes.pg").create(dir)) {
      new GraphRows()
          .add("node:Thing", "a", "a", true, 7, 1L << 40, 4_000_000_000L, u64, 1.5f, 2.25, born, seen,
              new byte[] {1, 2, 3}, List.of("x", "y"), Arrays.asList(1, null, 3), new float[] {0.5f, 1f, 2f}, "sad")
          .add("node:Thing", "b", "b", null, null, null, null, null, null, null, null, null, null, null, null, null, null)
          .commit(store);
      ReadView view = CommittedView.latest(store);
      try (QueryResult result = SQL.query("SELECT * FROM Thing ORDER BY name", List.of(), view, store)) {
        List<String> types = result.columns().stream().map(Column::typeName).toList();
        assertEquals(
            List.of("VARCHAR", "VARCHAR", "BOOLEAN", "INTEGER", "BIGINT", "BIGINT", "DECIMAL", "REAL", "DOUBLE", "DATE",
                "TIMESTAMP", "VARBINARY", "ARRAY", "ARRAY", "ARRAY", "VARCHAR"),
            types);
        assertEquals(20, result.columns().get(6).precision());
        assertEquals(3, result.columns().get(10).precision());
        assertTrue(result.rows().next());
        Object[] a = result.rows().row();
        assertEquals(
            Arrays.asList("a", "a", true, 7, 1L << 40, 4_000_000_000L, new BigDecimal(u64), 1.5f, 2.25, born, seen),
            Arrays.asList(a).subList(0, 11));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) a[11]);
        assertEquals(List.of("x", "y"), a[12]);
        assertEquals(Arrays.asList(1, null, 3), a[13]);
        assertEquals(List.of(0.5f, 1f, 2f), a[14]);
        assertEquals("sad", a[15]);
        assertTrue(result.rows().next());
        Object[] b = result.rows().row();
        assertEquals("b", b[0]);
        for (int i = 2; i < b.length; i++) {
          assertEquals(null, b[i], "column " + result.columns().get(i).label());
        }
      }
      assertEquals(
          List.of(row("a")),
          rows(view, store,
              "SELECT name FROM Thing WHERE flag AND small = 7 AND big > 1 AND u32 = 4000000000 AND f64 = 2.25 "
                  + "AND born = DATE '1990-05-17' AND seen = TIMESTAMP '2024-02-29 12:34:56.789' AND mood = 'sad' "
                  + "AND u64 = 18446744073709551615 AND f32 = 1.5"));
      assertEquals(
          List.of(row("a")),
          rows(view, store, "SELECT name FROM Thing WHERE born = ? AND seen = ? AND u64 = ?", born, seen, u64));
      String plan = SQL.explain("SELECT name FROM Thing WHERE u64 = 18446744073709551615 AND small = 7", view, store);
      assertTrue(plan.contains("filter=small = 7 calcite-filter="), plan);

      // A plain scan runs without Calcite; its values must be the compiled plan's, type by type.
      String direct = "SELECT * FROM Thing WHERE name = ?";
      assertTrue(SQL.explain(direct, view, store).contains("Runs as the storage scan alone"));
      assertFalse(SQL.explain("SELECT * FROM Thing ORDER BY name", view, store).contains("storage scan alone"));
      assertFalse(SQL.explain("SELECT * FROM Thing WHERE name LIKE 'a%'", view, store).contains("storage scan alone"));
      for (String name : List.of("a", "b")) {
        List<List<Object>> compiled = rows(view, store, "SELECT * FROM Thing WHERE name = ? ORDER BY name", name);
        List<List<Object>> scanned = rows(view, store, direct, name);
        assertEquals(1, scanned.size());
        assertEquals(compiled.get(0).size(), scanned.get(0).size());
        for (int i = 0; i < compiled.get(0).size(); i++) {
          Object expected = compiled.get(0).get(i);
          Object actual = scanned.get(0).get(i);
          if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual);
          } else {
            assertEquals(expected, actual, "column " + i + " of " + name);
            assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass());
          }
        }
      }
    }
  }
}
