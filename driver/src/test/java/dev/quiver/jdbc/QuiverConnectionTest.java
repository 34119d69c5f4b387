package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuiverConnectionTest {
  /** A schema text is the whole desired schema: the demo schema plus one new type. */
  private static final String WITH_CITY = TestGraphUrls.DEMO_SCHEMA + "node City { name: String @key }\n";

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection(TestGraphUrls.demo(dir));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void defaultsAreWhatPoolsAndToolsExpect() throws SQLException {
    assertTrue(connection.getAutoCommit());
    assertEquals(Connection.TRANSACTION_REPEATABLE_READ, connection.getTransactionIsolation());
    assertEquals("GRAPH", connection.getSchema());
    assertNull(connection.getCatalog());
    assertFalse(connection.isReadOnly());
    assertTrue(connection.isValid(1));
    assertEquals(ResultSet.CLOSE_CURSORS_AT_COMMIT, connection.getHoldability());
  }

  @Test
  void settersPoolsCallNeverThrow() throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    assertEquals(Connection.TRANSACTION_REPEATABLE_READ, connection.getTransactionIsolation());
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    connection.setNetworkTimeout(Runnable::run, 1500);
    assertEquals(1500, connection.getNetworkTimeout());
    connection.setAutoCommit(false);
    assertFalse(connection.getAutoCommit());
    connection.commit();
    connection.rollback();
    connection.setAutoCommit(true);
    connection.setCatalog("anything");
    assertNull(connection.getCatalog());
    connection.setClientInfo("ApplicationName", "test");
    assertEquals("test", connection.getClientInfo("ApplicationName"));
    assertEquals("test", connection.getClientInfo().getProperty("ApplicationName"));
  }

  @Test
  void setSchemaAcceptsGraphAndQuiverInAnyCase() throws SQLException {
    connection.setSchema("quiver");
    assertEquals("QUIVER", connection.getSchema());
    connection.setSchema("Graph");
    assertEquals("GRAPH", connection.getSchema());
    assertEquals("3F000", assertThrows(SQLException.class, () -> connection.setSchema("public")).getSQLState());
  }

  @Test
  void setReadOnlyMakesSchemaChangesFailWith25006() throws SQLException {
    connection.setReadOnly(true);
    assertTrue(connection.isReadOnly());
    try (Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLException.class, () -> statement.execute(WITH_CITY));
      assertEquals("25006", error.getSQLState());
    }
    connection.setReadOnly(false);
    assertFalse(connection.isReadOnly());
  }

  @Test
  void readOnlyConnectionStaysReadOnly() throws SQLException {
    try (Connection readOnly = DriverManager.getConnection("jdbc:quiver:" + dir.resolve("graph") + "?readOnly=true")) {
      assertTrue(readOnly.isReadOnly());
      readOnly.setReadOnly(false);
      assertTrue(readOnly.isReadOnly());
      assertTrue(readOnly.getMetaData().isReadOnly());
    }
  }

  @Test
  void statementAppliesPgRunsGqAndReadsSql() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertFalse(statement.execute("/* more */ " + WITH_CITY));
      assertEquals(0, statement.getUpdateCount());
      assertNull(statement.getResultSet());
      try (ResultSet empty = statement.executeQuery("SELECT * FROM Person")) {
        assertFalse(empty.next());
      }
      assertFalse(statement.execute("insert Person { name: \"Alice\" }"));
      assertEquals(1, statement.getUpdateCount());
      assertTrue(statement.execute("SELECT name FROM Person"));
      try (ResultSet people = statement.getResultSet()) {
        assertTrue(people.next());
        assertEquals("Alice", people.getString("NAME"));
        assertFalse(people.next());
      }
      SQLException insert = assertThrows(SQLFeatureNotSupportedException.class, () -> statement.execute("INSERT INTO Person (id) VALUES ('x')"));
      assertEquals("0A000", insert.getSQLState());
      assertEquals("42601", assertThrows(SQLException.class, () -> statement.execute("  // nothing")).getSQLState());
      assertEquals("02000", assertThrows(SQLException.class, () -> statement.executeQuery(WITH_CITY)).getSQLState());
    }
  }

  @Test
  void badSchemaTextFailsWithAPositionedSyntaxError() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLSyntaxErrorException.class, () -> statement.execute(TestGraphUrls.DEMO_SCHEMA + "node City {\n  name: Strin g\n"));
      assertEquals("42601", error.getSQLState(), error.getMessage());
      assertTrue(error.getMessage().matches("(?s)line \\d+:\\d+: .*"), error.getMessage());
    }
  }

  @Test
  void preparedStatementRunsItsOwnText() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(WITH_CITY)) {
      assertEquals(0, statement.executeUpdate());
      assertEquals("42809", assertThrows(SQLException.class, () -> statement.execute("node X {}")).getSQLState());
    }
  }

  @Test
  void unsupportedFeaturesFailWith0A000() {
    for (var call :
        java.util.List.<org.junit.jupiter.api.function.Executable>of(
            connection::setSavepoint, () -> connection.prepareCall("call x()"), connection::createBlob)) {
      SQLFeatureNotSupportedException error = assertThrows(SQLFeatureNotSupportedException.class, call);
      assertEquals("0A000", error.getSQLState());
    }
  }

  @Test
  void closingTheConnectionClosesItsStatementsAndEverythingFailsWith08003() throws SQLException {
    Statement statement = connection.createStatement();
    PreparedStatement prepared = connection.prepareStatement(WITH_CITY);
    connection.close();
    assertTrue(connection.isClosed());
    assertTrue(statement.isClosed());
    assertTrue(prepared.isClosed());
    assertFalse(connection.isValid(0));
    connection.close(); // idempotent
    assertEquals("08003", assertThrows(SQLException.class, connection::createStatement).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, connection::getMetaData).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, connection::getAutoCommit).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> statement.execute("node X {}")).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, prepared::executeUpdate).getSQLState());
  }

  @Test
  void closingAStatementLeavesTheConnectionOpen() throws SQLException {
    Statement statement = connection.createStatement();
    statement.close();
    assertTrue(statement.isClosed());
    assertFalse(connection.isClosed());
    assertEquals("08003", assertThrows(SQLException.class, () -> statement.execute("node X {}")).getSQLState());
  }

  @Test
  void unwrapsToTheDriverClasses() throws SQLException {
    assertTrue(connection.isWrapperFor(QuiverConnection.class));
    assertNotNull(connection.unwrap(QuiverConnection.class));
    try (Statement statement = connection.createStatement()) {
      assertInstanceOf(QuiverStatement.class, statement.unwrap(QuiverStatement.class));
    }
    assertThrows(SQLException.class, () -> connection.unwrap(String.class));
  }
}
