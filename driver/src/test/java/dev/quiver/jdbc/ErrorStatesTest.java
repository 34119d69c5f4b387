package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQLState the statement surface owns (SPEC §9), through JDBC, and a seeded fuzz asserting that every
 * failure is an {@link SQLException} with a SQLState. {@code -Pfuzz} (system property {@code quiver.fuzz.iterations})
 * runs the fuzz longer.
 */
class ErrorStatesTest {
  private static final String ACCOUNTS =
      TestGraphUrls.DEMO_SCHEMA + "node Account { handle: String @key  email: String? @unique  role: enum(admin, guest)? }\n";

  @TempDir Path dir;
  private String url;
  private Connection connection;
  private Statement statement;

  @BeforeEach
  void open() throws Exception {
    url = TestGraphUrls.demo(dir);
    connection = DriverManager.getConnection(url);
    statement = connection.createStatement();
    statement.executeUpdate(StatementsTest.DEMO_DATA);
    statement.executeUpdate(ACCOUNTS);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private SQLException assertState(String state, String text) {
    SQLException error = assertThrows(SQLException.class, () -> statement.execute(text), text);
    assertEquals(state, error.getSQLState(), error.getMessage());
    return error;
  }

  @Test
  void everyOwnedStateThroughAStatement() throws SQLException {
    SQLException syntax = assertState("42601", "insert Person {\n  name \"x\" }");
    assertTrue(syntax.getMessage().startsWith("line 2:"), syntax.getMessage());
    assertState("42000", "insert Person { name: \"x\" }\ndelete Person where name = \"Bob\"");
    assertState("42000", "update Person set { name: \"Al\" } where name = \"Alice\"");
    assertState("42P01", "insert Persn { name: \"x\" }");
    SQLException property = assertState("42703", "insert Person {\n  name: \"x\", agee: 3 }");
    assertTrue(property.getMessage().startsWith("line 2:14:"), property.getMessage());
    assertState("22023", "insert Person { name: \"x\", age: \"thirty\" }");
    assertState("22003", "insert Person { name: \"x\", age: 3000000000 }");
    assertState("22007", "insert Knows { from: \"Alice\", to: \"Bob\", since: date(\"2020-13-45\") }");
    assertState("23502", "insert Person { age: 3 }");
    assertState("23503", "insert Knows { from: \"Alice\", to: \"Ghost\" }");
    statement.executeUpdate("insert Account { handle: \"a\", email: \"a@x\" }");
    assertState("23505", "insert Account { handle: \"b\", email: \"a@x\" }");
    assertState("23514", "insert Account { handle: \"c\", role: \"superadmin\" }");
    assertEquals(4, GraphRows.rows(connection, "node:Person").size(), "no failed text changed anything");
  }

  @Test
  void aSchemaInATransactionWithPendingWritesIs25001() throws SQLException {
    connection.setAutoCommit(false);
    statement.executeUpdate("insert Person { name: \"Eve\" }");
    assertState("25001", ACCOUNTS + "node City { name: String @key }\n");
    connection.rollback();
    assertEquals(0, statement.executeUpdate(ACCOUNTS + "node City { name: String @key }\n"), "fine once nothing is pending");
  }

  @Test
  void readOnlyConnectionsRefuseWritesWith25006() throws SQLException {
    connection.setReadOnly(true);
    assertState("25006", "insert Person { name: \"Eve\" }");
    assertState("25006", ACCOUNTS + "node City { name: String @key }\n");
    connection.setReadOnly(false);
    assertEquals(1, statement.executeUpdate("insert Person { name: \"Eve\" }"));
    try (Connection readOnly = DriverManager.getConnection(url.replace("?create=true", "?readOnly=true").replaceAll("&schema=.*", ""))) {
      readOnly.setReadOnly(false);
      SQLException error = assertThrows(SQLException.class, () -> readOnly.createStatement().execute("insert Person { name: \"Fay\" }"));
      assertEquals("25006", error.getSQLState());
    }
  }

  @Test
  void aConflictIs40001() throws SQLException {
    try (Connection other = DriverManager.getConnection(url)) {
      connection.setAutoCommit(false);
      other.setAutoCommit(false);
      statement.executeUpdate("delete Person where name = \"Diana\"");
      other.createStatement().executeUpdate("delete Person where name = \"Charlie\"");
      other.commit();
      assertEquals("40001", assertThrows(SQLException.class, connection::commit).getSQLState());
    }
  }

  // ---- seeded fuzz ----

  private static final String[] FRAGMENTS = {
    "insert", "update", "delete", "Person", "Knows", "Company", "Account", "set", "where", "{", "}", "(", ")",
    "name", "age", "from", "to", "since", ":", ",", "=", "!=", "<", ">=", "\"Alice\"", "\"x' OR '1'='1\"", "42",
    "-7", "3000000000", "1.5", "true", "null", "date(\"2020-01-01\")", "date(\"2020-99-01\")", "now()", "$p", "?",
    "\n", "//c\n", "/*", "*/", "node", "edge", "match", "return", "query", "q($p: I32)", "SELECT", "\"", "'", "\\",
  };

  private static final String[] SEEDS = {
    "insert Person { name: \"Eve\", age: 40 }",
    "update Person set { age: 1 } where name = \"Alice\"",
    "delete Person where age > 29",
    "insert Knows { from: \"Alice\", to: \"Diana\", since: date(\"2021-01-01\") }",
    "delete Knows where from = \"Alice\"",
    "insert Person { name: $n, age: $a }",
  };

  private static final Object[] VALUES = {
    null, "Eve", "x' OR '1'='1", "", 1, -1, Integer.MAX_VALUE, Long.MAX_VALUE, 1.5, Double.NaN, true,
    java.sql.Date.valueOf("2020-01-01"), java.time.Instant.EPOCH, new byte[] {1}, new Object(), List.of("a"),
  };

  @Test
  void everyFailureOfARandomTextIsAnSqlExceptionWithASqlState() throws SQLException {
    int iterations = Integer.getInteger("quiver.fuzz.iterations", 200);
    long seed = Long.getLong("quiver.fuzz.seed", 20261121L);
    Random random = new Random(seed);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      String text = random.nextBoolean() ? mutate(random, SEEDS[random.nextInt(SEEDS.length)]) : assemble(random);
      if (random.nextInt(8) == 0) {
        connection.setAutoCommit(!connection.getAutoCommit());
      }
      try (PreparedStatement prepared = connection.prepareStatement(text)) {
        int parameters = random.nextInt(3);
        for (int p = 1; p <= parameters; p++) {
          prepared.setObject(p, VALUES[random.nextInt(VALUES.length)]);
        }
        if (random.nextBoolean()) {
          prepared.execute();
        } else {
          prepared.addBatch();
          prepared.executeBatch();
        }
      } catch (SQLException e) {
        if (e.getSQLState() == null) {
          failures.add("seed " + seed + " iteration " + i + ": " + text + " -> " + e);
        }
      } catch (RuntimeException e) {
        failures.add("seed " + seed + " iteration " + i + ": " + text + " -> " + e);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    connection.setAutoCommit(true);
    assertNotNull(GraphRows.rows(connection, "node:Person"), "the connection is still usable");
  }

  private static String assemble(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(' ');
    }
    return text.toString();
  }

  private static String mutate(Random random, String seed) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && text.length() > 0; i++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(3)) {
        case 0:
          text.deleteCharAt(at);
          break;
        case 1:
          text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
          break;
        default:
          text.setCharAt(at, (char) (32 + random.nextInt(95)));
          break;
      }
    }
    return text.toString();
  }
}
