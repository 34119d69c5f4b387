package dev.quiver.jdbc.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Column;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.view.RowCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** QuiverResultSet over hand-built engine results (SQL reads are not merged yet). */
class QuiverResultSetTest {
  /** A cursor over a list that reuses one row array, as a real scan may, and counts how far it was read. */
  static final class ListCursor implements RowCursor {
    private final List<Object[]> rows;
    private final Object[] buffer;
    private int position = -1;
    int reads;
    boolean closed;

    ListCursor(List<Object[]> rows, int width) {
      this.rows = rows;
      this.buffer = new Object[width];
    }

    @Override
    public boolean next() {
      if (position + 1 >= rows.size()) {
        return false;
      }
      position++;
      reads++;
      System.arraycopy(rows.get(position), 0, buffer, 0, buffer.length);
      return true;
    }

    @Override
    public Object[] row() {
      return buffer;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final List<Column> COLUMNS =
      List.of(
          new Column("name", "VARCHAR", 0, 0, false),
          new Column("age", "INTEGER", 0, 0, true),
          new Column("big", "BIGINT", 0, 0, true),
          new Column("u", "DECIMAL", 20, 0, true),
          new Column("f", "REAL", 0, 0, true),
          new Column("d", "DOUBLE", 0, 0, true),
          new Column("ok", "BOOLEAN", 0, 0, true),
          new Column("day", "DATE", 0, 0, true),
          new Column("at", "TIMESTAMP", 0, 0, true),
          new Column("blob", "VARBINARY", 0, 0, true),
          new Column("tags", "VARCHAR ARRAY", 0, 0, true),
          new Column("vec", "REAL ARRAY", 0, 0, true),
          new Column("total", "DECIMAL", 10, 2, true));

  private static final Instant AT = Instant.parse("2020-01-02T03:04:05.678Z");

  private static Object[] alice() {
    return new Object[] {
      "Alice", 30, 5_000_000_000L, new BigInteger("18446744073709551615"), 1.5f, 2.5, true, LocalDate.of(2020, 1, 2), AT,
      new byte[] {1, 2}, List.of("a", "b"), new float[] {0.5f, 1f}, new BigDecimal("12.34")
    };
  }

  private static Object[] empty(String name) {
    Object[] row = new Object[COLUMNS.size()];
    row[0] = name;
    return row;
  }

  private ListCursor cursor;

  private QuiverResultSet resultSet(List<Object[]> rows, long maxRows) throws SQLException {
    cursor = new ListCursor(rows, COLUMNS.size());
    return new QuiverResultSet(null, new QueryResult(COLUMNS, cursor), maxRows, 0, new Object(), null);
  }

  @Test
  void getObjectReturnsNaturalJdbcTypes() throws SQLException {
    try (ResultSet rows = resultSet(List.<Object[]>of(alice()), 0)) {
      assertTrue(rows.next());
      assertEquals("Alice", rows.getObject(1));
      assertEquals(30, rows.getObject("AGE"));
      assertEquals(5_000_000_000L, rows.getObject(3));
      assertEquals(new BigDecimal("18446744073709551615"), rows.getObject(4));
      assertEquals(1.5f, rows.getObject(5));
      assertEquals(2.5, rows.getObject(6));
      assertEquals(true, rows.getObject(7));
      assertEquals(java.sql.Date.valueOf("2020-01-02"), rows.getObject(8));
      assertEquals(Timestamp.valueOf("2020-01-02 03:04:05.678"), rows.getObject(9), "the wall clock is UTC");
      assertArrayEquals(new byte[] {1, 2}, (byte[]) rows.getObject(10));
      Array tags = (Array) rows.getObject(11);
      assertEquals("VARCHAR", tags.getBaseTypeName());
      assertArrayEquals(new Object[] {"a", "b"}, (Object[]) tags.getArray());
      assertArrayEquals(new Object[] {0.5f, 1f}, (Object[]) rows.getArray("vec").getArray());
      assertEquals(new BigDecimal("12.34"), rows.getBigDecimal("total"));
      assertFalse(rows.next());
    }
  }

  @Test
  void javaTimeAndCalendarVariantsReadTheUtcDateTime() throws SQLException {
    try (ResultSet rows = resultSet(List.<Object[]>of(alice()), 0)) {
      rows.next();
      assertEquals(LocalDate.of(2020, 1, 2), rows.getObject(8, LocalDate.class));
      assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 678_000_000), rows.getObject(9, LocalDateTime.class));
      assertEquals(AT, rows.getObject(9, Instant.class));
      assertEquals(AT.atOffset(ZoneOffset.UTC), rows.getObject(9, OffsetDateTime.class));
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      assertEquals(AT, rows.getTimestamp(9, utc).toInstant(), "a UTC calendar gives the exact instant");
      assertEquals(Timestamp.valueOf("2020-01-02 03:04:05.678"), rows.getTimestamp("at"));
      assertEquals(Instant.parse("2020-01-02T00:00:00Z").toEpochMilli(), rows.getDate(8, utc).getTime());
      assertEquals(java.sql.Date.valueOf("2020-01-02"), rows.getDate("day"));
      Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
      assertEquals(AT.minusSeconds(9 * 3600), rows.getTimestamp(9, tokyo).toInstant());
    }
  }

  @Test
  void numericGettersConvertAndOverflowIs22003() throws SQLException {
    try (ResultSet rows = resultSet(List.<Object[]>of(alice()), 0)) {
      rows.next();
      assertEquals(30L, rows.getLong(2));
      assertEquals((short) 30, rows.getShort(2));
      assertEquals(30.0, rows.getDouble(2));
      assertEquals("30", rows.getString(2));
      assertEquals(5_000_000_000L, rows.getLong(3));
      assertEquals("22003", assertThrows(SQLException.class, () -> rows.getInt(3)).getSQLState());
      assertEquals("22003", assertThrows(SQLException.class, () -> rows.getLong(4)).getSQLState());
      assertEquals(30, rows.getByte(2));
      assertEquals("22003", assertThrows(SQLException.class, () -> rows.getByte(3)).getSQLState());
    }
  }

  @Test
  void nullsReadAsZeroValuesAndWasNullSaysSo() throws SQLException {
    try (ResultSet rows = resultSet(List.<Object[]>of(empty("Bob")), 0)) {
      rows.next();
      assertEquals(0, rows.getInt("age"));
      assertTrue(rows.wasNull());
      assertFalse(rows.getBoolean("ok"));
      assertTrue(rows.wasNull());
      assertNull(rows.getTimestamp("at"));
      assertNull(rows.getObject("tags"));
      assertEquals("Bob", rows.getString("name"));
      assertFalse(rows.wasNull());
    }
  }

  @Test
  void metaDataComesFromTheEngineColumns() throws SQLException {
    try (ResultSet rows = resultSet(List.of(), 0)) {
      ResultSetMetaData metaData = rows.getMetaData();
      assertEquals(COLUMNS.size(), metaData.getColumnCount());
      assertEquals("name", metaData.getColumnLabel(1));
      assertEquals(Types.VARCHAR, metaData.getColumnType(1));
      assertEquals(ResultSetMetaData.columnNoNulls, metaData.isNullable(1));
      assertEquals(ResultSetMetaData.columnNullable, metaData.isNullable(2));
      assertEquals(Types.INTEGER, metaData.getColumnType(2));
      assertEquals(Types.DECIMAL, metaData.getColumnType(4));
      assertEquals(20, metaData.getPrecision(4));
      assertEquals(Types.TIMESTAMP, metaData.getColumnType(9));
      assertEquals(Types.ARRAY, metaData.getColumnType(11));
      assertEquals("VARCHAR ARRAY", metaData.getColumnTypeName(11));
      assertEquals(10, metaData.getPrecision(13));
      assertEquals(2, metaData.getScale(13));
      assertEquals(BigDecimal.class.getName(), metaData.getColumnClassName(13));
      assertEquals(13, rows.findColumn("Total"));
      assertEquals("42703", assertThrows(SQLException.class, () -> rows.findColumn("nope")).getSQLState());
    }
  }

  @Test
  void rowsStreamOneAtATimeAndMaxRowsStopsTheCursor() throws SQLException {
    List<Object[]> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(empty("p" + i));
    }
    try (QuiverResultSet rows = resultSet(many, 0)) {
      rows.setFetchSize(10);
      assertTrue(rows.isBeforeFirst());
      rows.next();
      rows.next();
      assertEquals(2, rows.getRow());
      assertEquals("p1", rows.getString(1), "the peeked row did not disturb the current one");
      assertTrue(cursor.reads <= 3, "never read ahead of what was asked: " + cursor.reads);
    }
    assertTrue(cursor.closed, "closing the result set closes the cursor");
    try (QuiverResultSet rows = resultSet(many, 3)) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      assertEquals(3, count);
      assertTrue(cursor.closed, "the cursor is released at the end");
    }
  }

  @Test
  void isLastAndIsAfterLastLookAheadWithoutLosingTheRow() throws SQLException {
    try (ResultSet rows = resultSet(Arrays.asList(empty("a"), empty("b")), 0)) {
      rows.next();
      assertFalse(rows.isLast());
      assertEquals("a", rows.getString(1));
      rows.next();
      assertTrue(rows.isLast());
      assertEquals("b", rows.getString(1));
      assertFalse(rows.next());
      assertTrue(rows.isAfterLast());
    }
    try (ResultSet rows = resultSet(List.of(), 0)) {
      assertFalse(rows.isBeforeFirst(), "empty: not before the first row");
    }
  }

  @Test
  void everyCallAfterCloseFailsWith08003AndMovesOtherThanNextAre0A000() throws SQLException {
    ResultSet rows = resultSet(List.<Object[]>of(alice()), 0);
    assertEquals(ResultSet.TYPE_FORWARD_ONLY, rows.getType());
    assertEquals(ResultSet.CONCUR_READ_ONLY, rows.getConcurrency());
    assertEquals("0A000", assertThrows(SQLException.class, rows::previous).getSQLState());
    assertEquals("24000", assertThrows(SQLException.class, () -> rows.getString(1)).getSQLState());
    rows.close();
    assertTrue(rows.isClosed());
    assertEquals("08003", assertThrows(SQLException.class, rows::next).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> rows.getString(1)).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, rows::getMetaData).getSQLState());
  }
}
