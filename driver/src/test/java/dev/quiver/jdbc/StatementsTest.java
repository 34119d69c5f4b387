package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code .gq} texts through {@code Statement}: counts, transactions, D₂, conflicts (SPEC §4, §5). */
class StatementsTest {
  /** The demo data of SPEC §10 as {@code .gq} statements: the text the shell loads into its demo graph. */
  static final String DEMO_DATA = demoData();

  private static String demoData() {
    try (java.io.InputStream in = StatementsTest.class.getResourceAsStream("/demo/demo.gq")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @TempDir Path dir;
  private String url;
  private Connection connection;

  @BeforeEach
  void loadDemo() throws Exception {
    url = TestGraphUrls.demo(dir);
    connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      assertEquals(11, statement.executeUpdate(DEMO_DATA));
      QuiverStatement quiver = statement.unwrap(QuiverStatement.class);
      assertEquals(6, quiver.affectedNodes());
      assertEquals(5, quiver.affectedEdges());
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private long version() throws SQLException {
    return connection.unwrap(QuiverConnection.class).session().store().snapshot().graphVersion();
  }

  @Test
  void explainOfAGqReadReturnsItsPlanThroughJdbc() throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet plan = statement.executeQuery("explain match { $p: Person  $p knows{1,2} $f } return { count($f) }")) {
      assertEquals("PLAN", plan.getMetaData().getColumnLabel(1));
      StringBuilder text = new StringBuilder();
      while (plan.next()) {
        text.append(plan.getString(1)).append('\n');
      }
      assertTrue(text.toString().contains("BfsExpand"), text.toString());
    }
    try (PreparedStatement prepared =
        connection.prepareStatement("explain match { $p: Person { name: $n } } return { $p.age }")) {
      assertEquals(1, prepared.getParameterMetaData().getParameterCount());
      prepared.setString(1, "Alice");
      try (ResultSet plan = prepared.executeQuery()) {
        assertTrue(plan.next());
      }
    }
  }

  @Test
  void sqlReadsSeeTheTransactionsOwnWritesAndKeepItsSnapshot() throws Exception {
    try (Connection other = DriverManager.getConnection(url)) {
      connection.setAutoCommit(false);
      try (Statement writer = connection.createStatement();
          Statement reader = other.createStatement()) {
        assertEquals(4, count(writer, "SELECT COUNT(*) FROM Person"));
        writer.executeUpdate("insert Person { name: \"Eve\", age: 41 }");
        writer.executeUpdate("update Person set { age: 99 } where name = \"Alice\"");
        assertEquals(2, count(writer, "SELECT COUNT(*) FROM Person WHERE age > 40"), "its own pending writes");
        assertEquals(0, count(reader, "SELECT COUNT(*) FROM Person WHERE age > 40"), "none of them elsewhere");
        reader.executeUpdate("insert Company { name: \"Initech\" }"); // another commit meanwhile
        assertEquals(2, count(writer, "SELECT COUNT(*) FROM Company"), "repeatable read: the first snapshot");
        // It read Company, which the other connection moved: SPEC §5 makes that a conflict at commit.
        SQLException conflict = assertThrows(SQLException.class, connection::commit);
        assertEquals("40001", conflict.getSQLState());
        assertTrue(conflict.getMessage().contains("node type 'Company'"), conflict.getMessage());
        assertEquals(0, count(reader, "SELECT COUNT(*) FROM Person WHERE age > 40"), "nothing of it is visible");
        // Retried as a new transaction, which reads the new snapshot, it commits.
        writer.executeUpdate("insert Person { name: \"Eve\", age: 41 }");
        writer.executeUpdate("update Person set { age: 99 } where name = \"Alice\"");
        assertEquals(3, count(writer, "SELECT COUNT(*) FROM Company"), "a new transaction, a new snapshot");
        connection.commit();
        assertEquals(2, count(reader, "SELECT COUNT(*) FROM Person WHERE age > 40"), "visible after the commit");
      }
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  @Test
  void aBatchHoldingASchemaOrAReadIsRefusedBeforeAnythingRuns() throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("insert Person { name: \"Eve\" }");
      statement.addBatch(TestGraphUrls.DEMO_SCHEMA + "\nnode Extra { name: String @key }");
      java.sql.BatchUpdateException refused = assertThrows(java.sql.BatchUpdateException.class, statement::executeBatch);
      assertEquals("42000", refused.getSQLState());
      assertTrue(refused.getMessage().contains("command 2"), refused.getMessage());
      statement.clearBatch();
      statement.addBatch("insert Person { name: \"Eve\" }");
      statement.addBatch("SELECT * FROM Person");
      assertEquals("42000", assertThrows(java.sql.BatchUpdateException.class, statement::executeBatch).getSQLState());
    }
    try (ResultSet tables = connection.getMetaData().getTables(null, "GRAPH", "Extra", null);
        Statement statement = connection.createStatement();
        ResultSet eve = statement.executeQuery("SELECT COUNT(*) FROM Person WHERE name = 'Eve'")) {
      assertFalse(tables.next(), "the schema in the refused batch was not applied");
      assertTrue(eve.next());
      assertEquals(0, eve.getLong(1), "nor its insert");
    }
  }

  @Test
  void theDemoDataIsThereAfterOneCommit() throws SQLException {
    assertEquals(List.of("Alice", "Bob", "Charlie", "Diana"), GraphRows.ids(connection, "node:Person"));
    assertEquals(30, GraphRows.rows(connection, "node:Person").get("Alice").get("age"));
    assertEquals(3, GraphRows.rows(connection, "edge:Knows").size());
    assertEquals(2, GraphRows.rows(connection, "edge:WorksAt").size());
  }

  @Test
  void executeReturnsFalseAndTheCountsStepThroughTheStatements() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertFalse(statement.execute("insert Person { name: \"Eve\" }\ninsert Person { name: \"Fay\" }\nupdate Person set { age: 1 } where age > 26"));
      assertNull(statement.getResultSet());
      assertEquals(1, statement.getUpdateCount());
      assertFalse(statement.getMoreResults());
      assertEquals(1, statement.getLargeUpdateCount());
      assertFalse(statement.getMoreResults());
      assertEquals(3, statement.getUpdateCount(), "Alice, Charlie, Diana");
      assertFalse(statement.getMoreResults());
      assertEquals(-1, statement.getUpdateCount());
      assertFalse(statement.getMoreResults());
      assertEquals(-1, statement.getUpdateCount());
    }
  }

  @Test
  void overlappingDeletesCountEachEntityOnce() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertEquals(3, statement.executeUpdate("delete Person where age >= 28\ndelete Person where age > 26"));
      assertEquals(3, statement.getUpdateCount(), "Alice, Charlie, Diana");
      assertTrue(!statement.getMoreResults() && statement.getUpdateCount() == 0, "the second delete adds no one");
      assertEquals(4, statement.unwrap(QuiverStatement.class).affectedEdges(), "cascaded edges");
    }
    assertEquals(List.of("Bob"), GraphRows.ids(connection, "node:Person"));
  }

  @Test
  void aDeleteMatchingNothingCountsZeroAndPublishesNoVersion() throws SQLException {
    long before = version();
    try (Statement statement = connection.createStatement()) {
      assertEquals(0, statement.executeUpdate("delete Person where name = \"Nobody\""));
      assertEquals(before, statement.unwrap(QuiverStatement.class).graphVersion());
      assertEquals(1, statement.executeUpdate("delete Person where name = \"Diana\""));
      assertEquals(before + 1, statement.unwrap(QuiverStatement.class).graphVersion());
    }
    assertEquals(before + 1, version());
  }

  @Test
  void aTextMixingWritesAndDeletesFailsWith42000AndAppliesNothing() throws SQLException {
    long before = version();
    try (Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(
          SQLSyntaxErrorException.class,
          () -> statement.execute("insert Person { name: \"Eve\" }\ndelete Person where name = \"Bob\""));
      assertEquals("42000", error.getSQLState());
      assertTrue(error.getMessage().contains("(1) inserts and updates, then (2) deletes"), error.getMessage());
    }
    assertEquals(before, version());
  }

  @Test
  void d2AcrossATransactionFailsTheStatementAndKeepsTheTransactionUsable() throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("insert Person { name: \"Eve\" }");
      SQLException error = assertThrows(SQLException.class, () -> statement.executeUpdate("delete Person where name = \"Bob\""));
      assertEquals("42000", error.getSQLState());
      statement.executeUpdate("update Person set { age: 99 } where name = \"Eve\"");
      connection.commit();
    }
    var persons = GraphRows.rows(connection, "node:Person");
    assertEquals(99, persons.get("Eve").get("age"), "insert then update of one id is one row with the newest value");
    assertTrue(persons.containsKey("Bob"), "the refused delete had no effect");
  }

  @Test
  void aTransactionIsInvisibleToOthersUntilCommitAndRollbackDiscardsIt() throws SQLException {
    try (Connection other = DriverManager.getConnection(url)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("insert Person { name: \"Eve\", age: 1 }");
        assertTrue(GraphRows.rows(connection, "node:Person").containsKey("Eve"), "read your writes");
        assertFalse(GraphRows.rows(other, "node:Person").containsKey("Eve"));
        connection.rollback();
        assertFalse(GraphRows.rows(connection, "node:Person").containsKey("Eve"));
        statement.executeUpdate("insert Person { name: \"Fay\" }");
        long before = version();
        connection.commit();
        assertEquals(before + 1, connection.unwrap(QuiverConnection.class).graphVersion());
        assertTrue(GraphRows.rows(other, "node:Person").containsKey("Fay"));
      }
    }
  }

  @Test
  void turningAutoCommitOnCommitsAndClosingRollsBack() throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("insert Person { name: \"Eve\" }");
    }
    connection.setAutoCommit(true);
    try (Connection second = DriverManager.getConnection(url)) {
      assertTrue(GraphRows.rows(second, "node:Person").containsKey("Eve"));
      second.setAutoCommit(false);
      second.createStatement().executeUpdate("insert Person { name: \"Gus\" }");
    }
    assertFalse(GraphRows.rows(connection, "node:Person").containsKey("Gus"), "close rolled the transaction back");
  }

  @Test
  void commitAndRollbackInAutoCommitModeDoNothing() throws SQLException {
    long before = version();
    connection.commit();
    connection.rollback();
    assertEquals(before, version());
  }

  @Test
  void executeQueryOnAMutationFailsBeforeAnythingRuns() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery("insert Person { name: \"Eve\" }"));
      assertEquals("02000", error.getSQLState());
    }
    assertFalse(GraphRows.rows(connection, "node:Person").containsKey("Eve"));
  }

  @Test
  void ofTwoConflictingTransactionsExactlyOneCommits() throws SQLException {
    try (Connection other = DriverManager.getConnection(url)) {
      connection.setAutoCommit(false);
      other.setAutoCommit(false);
      connection.createStatement().executeUpdate("update Person set { age: 1 } where name = \"Alice\"");
      other.createStatement().executeUpdate("update Person set { age: 2 } where name = \"Alice\"");
      connection.commit();
      SQLTransactionRollbackException conflict = assertThrows(SQLTransactionRollbackException.class, other::commit);
      assertEquals("40001", conflict.getSQLState());
      assertTrue(conflict.getMessage().contains("node type 'Person'") && conflict.getMessage().contains("expected table version"),
          conflict.getMessage());
      other.commit(); // rolled back: nothing left to publish
      other.createStatement().executeUpdate("update Person set { age: 3 } where name = \"Bob\"");
      other.commit(); // the connection is usable after the conflict
      assertEquals(1, GraphRows.rows(other, "node:Person").get("Alice").get("age"));
      assertEquals(3, GraphRows.rows(other, "node:Person").get("Bob").get("age"));
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eightThreadsInsertingThroughSeparateConnectionsLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          try (Connection mine = DriverManager.getConnection(url); Statement statement = mine.createStatement()) {
            for (int i = 0; i < 5; i++) {
              assertEquals(1, statement.executeUpdate("insert Person { name: \"p" + thread + "-" + i + "\" }"));
            }
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4 + 40, GraphRows.rows(connection, "node:Person").size());
  }

  @Test
  void unwrapExposesTheOutcomeOfTheLastExecution() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      QuiverStatement quiver = assertInstanceOf(QuiverStatement.class, statement.unwrap(QuiverStatement.class));
      statement.executeUpdate("delete Person where name = \"Alice\"");
      assertEquals(1, quiver.affectedNodes());
      assertEquals(3, quiver.affectedEdges(), "two Knows and one WorksAt cascade");
      assertEquals(version(), quiver.graphVersion());
    }
  }
}
