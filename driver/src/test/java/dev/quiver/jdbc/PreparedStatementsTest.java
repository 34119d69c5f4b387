package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters, their conversions, parameter metadata and batches (SPEC §4 parameters, §5 batches). */
class PreparedStatementsTest {
  /** Every property type the parameter conversions must reach. */
  private static final String TYPES_SCHEMA =
      TestGraphUrls.DEMO_SCHEMA
          + "node Sample { key: String @key  i: I32?  l: I64?  u: U64?  f: F32?  d: F64?  b: Bool?  day: Date?"
          + "  at: DateTime?  blob: Blob?  tags: [String]?  note: String? }\n";

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection(TestGraphUrls.demo(dir));
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(StatementsTest.DEMO_DATA);
      statement.executeUpdate(TYPES_SCHEMA);
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private Map<String, Object> sample(String key) throws SQLException {
    return GraphRows.rows(connection, "node:Sample").get(key);
  }

  @Test
  void namedParametersBindInOrderOfFirstAppearance() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "insert Person { name: $name, age: $age }\ninsert Knows { from: $name, to: $friend, since: $since }")) {
      ParameterMetaData metaData = insert.getParameterMetaData();
      assertEquals(4, metaData.getParameterCount());
      assertEquals("$friend", metaData.unwrap(QuiverParameterMetaData.class).getParameterName(3));
      assertEquals(ParameterMetaData.parameterModeIn, metaData.getParameterMode(1));
      insert.setString(1, "Eve");
      insert.setInt(2, 41);
      insert.setString(3, "Bob");
      insert.setDate(4, java.sql.Date.valueOf("2020-01-02"));
      assertEquals(2, insert.executeUpdate());
    }
    assertEquals(41, GraphRows.rows(connection, "node:Person").get("Eve").get("age"));
    assertTrue(GraphRows.rows(connection, "edge:Knows").values().stream()
        .anyMatch(edge -> java.sql.Date.valueOf("2020-01-02").equals(edge.get("since"))));
  }

  @Test
  void aQueryDeclarationFixesTheOrderAndQuestionMarksArePositional() throws SQLException {
    try (PreparedStatement declared = connection.prepareStatement(
        "query addPerson($age: I32, $name: String) { insert Person { name: $name, age: $age } }")) {
      declared.setInt(1, 50);
      declared.setString(2, "Gus");
      assertEquals(1, declared.executeUpdate());
    }
    try (PreparedStatement positional = connection.prepareStatement("insert Person { name: ?, age: ? }")) {
      assertEquals(2, positional.getParameterMetaData().getParameterCount());
      positional.setString(1, "Hal");
      positional.setNull(2, Types.INTEGER);
      positional.executeUpdate();
    }
    var persons = GraphRows.rows(connection, "node:Person");
    assertEquals(50, persons.get("Gus").get("age"));
    assertNull(persons.get("Hal").get("age"));
  }

  @Test
  void anUnboundParameterFailsWith22023NamingIt() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert Person { name: $name, age: $age }")) {
      insert.setInt(2, 3);
      SQLException error = assertThrows(SQLException.class, insert::executeUpdate);
      assertEquals("22023", error.getSQLState());
      assertEquals("parameter $name (index 1) is not set", error.getMessage());
      insert.setString(1, "Eve");
      insert.setString(3, "too many");
      assertEquals("22023", assertThrows(SQLException.class, insert::executeUpdate).getSQLState());
      insert.clearParameters();
      insert.setString(1, "Eve");
      insert.setObject(2, 7);
      assertEquals(1, insert.executeUpdate());
    }
    try (Statement statement = connection.createStatement()) {
      SQLException error = assertThrows(SQLException.class, () -> statement.executeUpdate("insert Person { name: $who }"));
      assertEquals("22023", error.getSQLState());
      assertTrue(error.getMessage().contains("parameter $who (index 1) is not set"), error.getMessage());
    }
  }

  @Test
  void aParameterOfTheWrongTypeFailsWith22023NamingTheProperty() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert Person { name: $name, age: $age }")) {
      insert.setString(1, "Eve");
      insert.setString(2, "thirty");
      SQLException error = assertThrows(SQLException.class, insert::executeUpdate);
      assertEquals("22023", error.getSQLState());
      assertTrue(error.getMessage().contains("age"), error.getMessage());
      insert.setLong(2, 3_000_000_000L);
      assertEquals("22003", assertThrows(SQLException.class, insert::executeUpdate).getSQLState());
    }
  }

  @Test
  void everySetterReachesItsPropertyType() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "insert Sample { key: $k, i: $i, l: $l, u: $u, f: $f, d: $d, b: $b, day: $day, at: $at, blob: $blob, tags: $tags }")) {
      insert.setString(1, "typed");
      insert.setShort(2, (short) 7);
      insert.setLong(3, Long.MAX_VALUE);
      insert.setBigDecimal(4, new BigDecimal("18446744073709551615"));
      insert.setFloat(5, 1.5f);
      insert.setDouble(6, 2.25);
      insert.setBoolean(7, true);
      insert.setObject(8, LocalDate.of(2021, 2, 3));
      insert.setTimestamp(9, Timestamp.valueOf("2021-02-03 04:05:06.789"));
      insert.setBytes(10, new byte[] {1, 2, 3});
      insert.setObject(11, new String[] {"a", "b"});
      insert.executeUpdate();
    }
    Map<String, Object> row = sample("typed");
    assertEquals(7, row.get("i"));
    assertEquals(Long.MAX_VALUE, row.get("l"));
    assertEquals(new BigDecimal("18446744073709551615"), row.get("u"));
    assertEquals(1.5f, row.get("f"));
    assertEquals(2.25, row.get("d"));
    assertEquals(true, row.get("b"));
    assertEquals(java.sql.Date.valueOf("2021-02-03"), row.get("day"));
    assertEquals(Timestamp.valueOf("2021-02-03 04:05:06.789"), row.get("at"), "the wall clock round-trips");
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) row.get("blob"));
    assertArrayEquals(new Object[] {"a", "b"}, (Object[]) ((java.sql.Array) row.get("tags")).getArray());
  }

  @Test
  void timestampsAreUtcDateTimesAndJavaTimeIsExact() throws SQLException {
    Instant instant = Instant.parse("2022-06-01T10:15:30.123Z");
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    try (PreparedStatement insert = connection.prepareStatement("insert Sample { key: ?, at: ? }")) {
      insert.setString(1, "calendar");
      insert.setTimestamp(2, Timestamp.from(instant), utc);
      insert.executeUpdate();
      insert.setString(1, "instant");
      insert.setObject(2, instant);
      insert.executeUpdate();
      insert.setString(1, "offset");
      insert.setObject(2, OffsetDateTime.of(2022, 6, 1, 12, 15, 30, 123_000_000, ZoneOffset.ofHours(2)));
      insert.executeUpdate();
      insert.setString(1, "local");
      insert.setObject(2, LocalDateTime.of(2022, 6, 1, 10, 15, 30, 123_000_000));
      insert.executeUpdate();
      insert.setString(1, "typed");
      insert.setObject(2, "2022-06-01T10:15:30.123Z", Types.TIMESTAMP);
      insert.executeUpdate();
    }
    for (String key : List.of("calendar", "instant", "offset", "local", "typed")) {
      Timestamp stored = (Timestamp) sample(key).get("at");
      assertEquals(LocalDateTime.of(2022, 6, 1, 10, 15, 30, 123_000_000), stored.toLocalDateTime(), key);
    }
  }

  @Test
  void setObjectWithATargetTypeConverts() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert Sample { key: ?, i: ?, d: ?, day: ?, note: ? }")) {
      insert.setObject(1, "converted", Types.VARCHAR);
      insert.setObject(2, "42", Types.INTEGER);
      insert.setObject(3, 3, Types.DOUBLE);
      insert.setObject(4, "2020-02-29", Types.DATE);
      insert.setObject(5, 12, Types.VARCHAR);
      insert.executeUpdate();
      assertEquals("22023", assertThrows(SQLException.class, () -> insert.setObject(2, "forty", Types.INTEGER)).getSQLState());
      assertEquals("22007", assertThrows(SQLException.class, () -> insert.setObject(4, "2020-02-30", Types.DATE)).getSQLState());
    }
    Map<String, Object> row = sample("converted");
    assertEquals(42, row.get("i"));
    assertEquals(3.0, row.get("d"));
    assertEquals(java.sql.Date.valueOf("2020-02-29"), row.get("day"));
    assertEquals("12", row.get("note"));
  }

  @Test
  void quotesInParametersAndLiteralsAreJustCharacters() throws SQLException {
    String injection = "x' OR '1'='1";
    String doubleQuoted = "x\" } delete Person where name != \"";
    try (PreparedStatement delete = connection.prepareStatement("delete Person where name = ?")) {
      delete.setString(1, injection);
      assertEquals(0, delete.executeUpdate());
      delete.setString(1, doubleQuoted);
      assertEquals(0, delete.executeUpdate());
    }
    try (Statement statement = connection.createStatement()) {
      assertEquals(0, statement.executeUpdate("delete Person where name = \"x' OR '1'='1\""));
    }
    assertEquals(4, GraphRows.rows(connection, "node:Person").size());
    try (PreparedStatement insert = connection.prepareStatement("insert Sample { key: ?, note: ? }")) {
      insert.setString(1, injection);
      insert.setString(2, doubleQuoted);
      insert.executeUpdate();
    }
    assertEquals(doubleQuoted, sample(injection).get("note"), "stored verbatim");
  }

  @Test
  void aPreparedBatchIsOneAtomicCommit() throws SQLException {
    long before = connection.unwrap(QuiverConnection.class).session().store().snapshot().graphVersion();
    try (PreparedStatement insert = connection.prepareStatement("insert Person { name: ?, age: ? }")) {
      for (int i = 0; i < 5; i++) {
        insert.setString(1, "b" + i);
        insert.setInt(2, i);
        insert.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1, 1, 1}, insert.executeBatch());
      assertEquals(before + 1, insert.unwrap(QuiverStatement.class).graphVersion(), "one graph commit");
      assertEquals(5, insert.unwrap(QuiverStatement.class).affectedNodes());
      assertEquals(0, insert.executeBatch().length, "the batch was cleared");
    }
    assertTrue(connection.getAutoCommit(), "auto-commit is restored");
    assertEquals(9, GraphRows.rows(connection, "node:Person").size());
  }

  @Test
  void aFailingBatchAppliesNothing() throws SQLException {
    long before = connection.unwrap(QuiverConnection.class).session().store().snapshot().graphVersion();
    try (PreparedStatement insert = connection.prepareStatement("insert Person { name: ?, age: ? }")) {
      insert.setString(1, "ok");
      insert.setInt(2, 1);
      insert.addBatch();
      insert.setString(1, "bad");
      insert.setLong(2, 3_000_000_000L);
      insert.addBatch();
      insert.setString(1, "never");
      insert.setInt(2, 2);
      insert.addBatch();
      BatchUpdateException error = assertThrows(BatchUpdateException.class, insert::executeBatch);
      assertEquals("22003", error.getSQLState());
      assertArrayEquals(new int[] {1}, error.getUpdateCounts());
      assertInstanceOf(SQLException.class, error.getCause());
    }
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("insert Person { name: \"s1\" }");
      statement.addBatch("delete Person where name = \"Bob\"");
      BatchUpdateException d2 = assertThrows(BatchUpdateException.class, statement::executeBatch);
      assertEquals("42000", d2.getSQLState(), "inserts and deletes in one batch break D2");
      statement.addBatch("insert Person { name: \"s2\" }");
      statement.clearBatch();
      assertEquals(0, statement.executeBatch().length);
    }
    assertEquals(before, connection.unwrap(QuiverConnection.class).session().store().snapshot().graphVersion());
    assertEquals(4, GraphRows.rows(connection, "node:Person").size());
    assertTrue(connection.getAutoCommit());
  }

  @Test
  void aBatchInATransactionJoinsIt() throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("insert Person { name: \"t1\" }");
      statement.addBatch("insert Person { name: \"t2\" }\ninsert Person { name: \"t3\" }");
      assertArrayEquals(new int[] {1, 2}, statement.executeBatch());
      connection.rollback();
    }
    assertFalse(GraphRows.rows(connection, "node:Person").containsKey("t1"));
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("insert Person { name: \"t4\" }");
      statement.executeBatch();
      connection.commit();
    }
    connection.setAutoCommit(true);
    assertTrue(GraphRows.rows(connection, "node:Person").containsKey("t4"));
  }
}
