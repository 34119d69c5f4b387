package dev.quiver.jdbc.rows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListResultSetTest {
  private static final List<Column> COLUMNS =
      List.of(Column.varchar("NAME", false), Column.integer("AGE", true), Column.smallint("SEQ", false),
          Column.bool("FLAG", true), SqlType.DATE.column("BORN", true));

  private static ResultSet people() {
    return new ListResultSet(
        COLUMNS,
        List.of(
            Arrays.asList("Alice", 30, (short) 1, true, LocalDate.of(1990, 1, 2)),
            Arrays.asList("Bob", null, (short) 2, null, null)));
  }

  @Test
  void readsRowsForwardWithTypedGettersAndWasNull() throws SQLException {
    try (ResultSet rs = people()) {
      assertTrue(rs.isBeforeFirst());
      assertTrue(rs.next());
      assertEquals("Alice", rs.getString("name"));
      assertEquals(30, rs.getInt(2));
      assertFalse(rs.wasNull());
      assertEquals(30L, rs.getLong("AGE"));
      assertEquals((short) 1, rs.getShort("seq"));
      assertTrue(rs.getBoolean("flag"));
      assertEquals(Date.valueOf("1990-01-02"), rs.getDate("born"));
      assertEquals(LocalDate.of(1990, 1, 2), rs.getObject("born", LocalDate.class));
      assertEquals(new BigDecimal(30), rs.getBigDecimal("age"));
      assertTrue(rs.next());
      assertEquals(0, rs.getInt("AGE"));
      assertTrue(rs.wasNull());
      assertNull(rs.getObject("AGE"));
      assertFalse(rs.getBoolean("FLAG"));
      assertTrue(rs.wasNull());
      assertTrue(rs.isLast());
      assertFalse(rs.next());
      assertTrue(rs.isAfterLast());
      assertFalse(rs.next());
    }
  }

  @Test
  void metaDataDescribesTheColumns() throws SQLException {
    try (ResultSet rs = people()) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(5, md.getColumnCount());
      assertEquals("NAME", md.getColumnLabel(1));
      assertEquals(Types.VARCHAR, md.getColumnType(1));
      assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
      assertEquals(ResultSetMetaData.columnNullable, md.isNullable(2));
      assertEquals("java.lang.Integer", md.getColumnClassName(2));
      assertEquals(Types.SMALLINT, md.getColumnType(3));
      assertEquals("DATE", md.getColumnTypeName(5));
      assertTrue(md.isReadOnly(1));
      assertTrue(md.isSigned(2));
      assertTrue(rs.isWrapperFor(ListResultSet.class));
    }
  }

  @Test
  void findColumnIsCaseInsensitiveAndUnknownColumnsFail() throws SQLException {
    try (ResultSet rs = people()) {
      assertEquals(2, rs.findColumn("age"));
      SQLException error = assertThrows(SQLException.class, () -> rs.findColumn("weight"));
      assertEquals("42703", error.getSQLState());
    }
  }

  @Test
  void readingBeforeNextOrOutOfRangeFails() throws SQLException {
    try (ResultSet rs = people()) {
      assertEquals("24000", assertThrows(SQLException.class, () -> rs.getString(1)).getSQLState());
      rs.next();
      assertEquals("22023", assertThrows(SQLException.class, () -> rs.getString(9)).getSQLState());
    }
  }

  @Test
  void impossibleConversionIsADataException() throws SQLException {
    try (ResultSet rs = people()) {
      rs.next();
      assertThrows(SQLDataException.class, () -> rs.getInt("NAME"));
      assertThrows(SQLDataException.class, () -> rs.getDate("AGE"));
    }
  }

  @Test
  void everyMethodFailsWith08003AfterClose() throws SQLException {
    ResultSet rs = people();
    rs.close();
    assertTrue(rs.isClosed());
    rs.close(); // idempotent
    assertEquals("08003", assertThrows(SQLException.class, rs::next).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> rs.getString(1)).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, rs::getMetaData).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> rs.findColumn("NAME")).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, rs::wasNull).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> rs.updateString(1, "x")).getSQLState());
  }

  @Test
  void isReadOnlyAndForwardOnly() throws SQLException {
    try (ResultSet rs = people()) {
      assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
      assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
      assertThrows(SQLFeatureNotSupportedException.class, rs::previous);
      assertThrows(SQLFeatureNotSupportedException.class, () -> rs.absolute(1));
      rs.next();
      assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt("AGE", 3));
      assertThrows(SQLFeatureNotSupportedException.class, rs::deleteRow);
    }
  }

  @Test
  void bytesAndHexText() throws SQLException {
    try (ResultSet rs = new ListResultSet(List.of(SqlType.VARBINARY.column("B", true)), List.of(List.of(new byte[] {1, (byte) 0xAB})))) {
      rs.next();
      assertArrayEquals(new byte[] {1, (byte) 0xAB}, rs.getBytes(1));
      assertEquals("01ab", rs.getString(1));
    }
  }
}
