package dev.quiver.jdbc.rows;

import dev.quiver.jdbc.errors.SqlStates;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only, forward-only result set whose subclasses supply one Java value per cell ({@link #value}); every
 * typed getter is a conversion of that value ({@link ValueConversions}). Column labels are matched
 * case-insensitively, as identifiers are. Every method fails with {@code 08003} after {@link #close()}.
 */
public abstract class ValueResultSet extends ReadOnlyResultSet {
  private final Statement statement;
  private final RowsMetaData metaData;
  private boolean closed;
  private boolean wasNull;
  private int fetchSize;

  protected ValueResultSet(Statement statement, RowsMetaData metaData) {
    this.statement = statement;
    this.metaData = metaData;
  }

  /** The value of a cell of the current row; {@code column} is 1-based and already checked. */
  protected abstract Object value(int column) throws SQLException;

  /** Whether the cursor is on a row. */
  protected abstract boolean onRow();

  /** Releases what the subclass holds; called once. */
  protected void release() throws SQLException {}

  @Override
  protected final void checkOpen() throws SQLException {
    if (closed) {
      throw SqlStates.closed("result set");
    }
  }

  private Object cell(int column) throws SQLException {
    checkOpen();
    if (!onRow()) {
      throw SqlStates.create("result set is not positioned on a row; call next() first", "24000", null);
    }
    if (column < 1 || column > metaData.getColumnCount()) {
      throw SqlStates.create(
          "column index " + column + " is out of range 1.." + metaData.getColumnCount(), SqlStates.INVALID_PARAMETER, null);
    }
    Object value = value(column);
    wasNull = value == null;
    return value;
  }

  @Override
  public void close() throws SQLException {
    if (!closed) {
      closed = true;
      release();
    }
  }

  @Override
  public final boolean isClosed() {
    return closed;
  }

  @Override
  public final boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  @Override
  public final ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return metaData;
  }

  @Override
  public final int findColumn(String columnLabel) throws SQLException {
    checkOpen();
    List<Column> columns = metaData.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(columnLabel)) {
        return i + 1;
      }
    }
    throw SqlStates.create("result set has no column '" + columnLabel + "'", "42703", null);
  }

  @Override
  public final Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public final SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public final void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public final void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw SqlStates.create("fetch size must not be negative", SqlStates.INVALID_PARAMETER, null);
    }
    fetchSize = rows;
  }

  @Override
  public final int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public final Object getObject(int columnIndex) throws SQLException {
    return cell(columnIndex);
  }

  @Override
  public final <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (type == null) {
      throw SqlStates.create("type is null", SqlStates.INVALID_PARAMETER, null);
    }
    return ValueConversions.convert(cell(columnIndex), type);
  }

  @Override
  public final Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return cell(columnIndex);
  }

  @Override
  public final String getString(int columnIndex) throws SQLException {
    return ValueConversions.toText(cell(columnIndex));
  }

  @Override
  public final String getNString(int columnIndex) throws SQLException {
    return getString(columnIndex);
  }

  @Override
  public final boolean getBoolean(int columnIndex) throws SQLException {
    return ValueConversions.toBoolean(cell(columnIndex));
  }

  @Override
  public final byte getByte(int columnIndex) throws SQLException {
    return (byte) ValueConversions.toLong(cell(columnIndex), Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  @Override
  public final short getShort(int columnIndex) throws SQLException {
    return (short) ValueConversions.toLong(cell(columnIndex), Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  @Override
  public final int getInt(int columnIndex) throws SQLException {
    return (int) ValueConversions.toLong(cell(columnIndex), Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
  }

  @Override
  public final long getLong(int columnIndex) throws SQLException {
    return ValueConversions.toLong(cell(columnIndex), Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  @Override
  public final float getFloat(int columnIndex) throws SQLException {
    return (float) ValueConversions.toDouble(cell(columnIndex));
  }

  @Override
  public final double getDouble(int columnIndex) throws SQLException {
    return ValueConversions.toDouble(cell(columnIndex));
  }

  @Override
  public final BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return ValueConversions.toBigDecimal(cell(columnIndex), "DECIMAL");
  }

  @Override
  @Deprecated
  public final BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    BigDecimal value = getBigDecimal(columnIndex);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public final byte[] getBytes(int columnIndex) throws SQLException {
    return ValueConversions.toBytes(cell(columnIndex));
  }

  @Override
  public final Date getDate(int columnIndex) throws SQLException {
    return ValueConversions.toDate(cell(columnIndex));
  }

  @Override
  public final Date getDate(int columnIndex, Calendar cal) throws SQLException {
    Date date = getDate(columnIndex);
    if (date == null || cal == null) {
      return date;
    }
    return new Date(date.toLocalDate().atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
  }

  @Override
  public final Time getTime(int columnIndex) throws SQLException {
    return ValueConversions.toTime(cell(columnIndex));
  }

  @Override
  public final Time getTime(int columnIndex, Calendar cal) throws SQLException {
    return getTime(columnIndex);
  }

  @Override
  public final Timestamp getTimestamp(int columnIndex) throws SQLException {
    return ValueConversions.toTimestamp(cell(columnIndex));
  }

  @Override
  public final Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    Timestamp timestamp = getTimestamp(columnIndex);
    if (timestamp == null || cal == null) {
      return timestamp;
    }
    return Timestamp.from(timestamp.toLocalDateTime().atZone(cal.getTimeZone().toZoneId()).toInstant());
  }

  @Override
  public final InputStream getAsciiStream(int columnIndex) throws SQLException {
    String text = getString(columnIndex);
    return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  @Deprecated
  public final InputStream getUnicodeStream(int columnIndex) throws SQLException {
    throw SqlStates.unsupported("getUnicodeStream");
  }

  @Override
  public final InputStream getBinaryStream(int columnIndex) throws SQLException {
    byte[] bytes = getBytes(columnIndex);
    return bytes == null ? null : new ByteArrayInputStream(bytes);
  }

  @Override
  public final Reader getCharacterStream(int columnIndex) throws SQLException {
    String text = getString(columnIndex);
    return text == null ? null : new StringReader(text);
  }

  @Override
  public final Reader getNCharacterStream(int columnIndex) throws SQLException {
    return getCharacterStream(columnIndex);
  }

  @Override
  public final Array getArray(int columnIndex) throws SQLException {
    Object value = cell(columnIndex);
    if (value == null || value instanceof Array) {
      return (Array) value;
    }
    throw SqlStates.create("column " + columnIndex + " is not an ARRAY", "22018", null);
  }

  @Override
  public final Ref getRef(int columnIndex) throws SQLException {
    throw unsupportedType("REF");
  }

  @Override
  public final Blob getBlob(int columnIndex) throws SQLException {
    throw unsupportedType("BLOB");
  }

  @Override
  public final Clob getClob(int columnIndex) throws SQLException {
    throw unsupportedType("CLOB");
  }

  @Override
  public final NClob getNClob(int columnIndex) throws SQLException {
    throw unsupportedType("NCLOB");
  }

  @Override
  public final SQLXML getSQLXML(int columnIndex) throws SQLException {
    throw unsupportedType("SQLXML");
  }

  @Override
  public final URL getURL(int columnIndex) throws SQLException {
    throw unsupportedType("DATALINK");
  }

  @Override
  public final RowId getRowId(int columnIndex) throws SQLException {
    throw unsupportedType("ROWID");
  }

  private SQLException unsupportedType(String type) throws SQLException {
    checkOpen();
    return SqlStates.unsupported("reading a value as " + type);
  }

  // Label-based getters: look the column up, then read it by index.

  @Override
  public final Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public final <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public final Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(columnLabel), map);
  }

  @Override
  public final String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public final String getNString(String columnLabel) throws SQLException {
    return getNString(findColumn(columnLabel));
  }

  @Override
  public final boolean getBoolean(String columnLabel) throws SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public final byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public final short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public final int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public final long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public final float getFloat(String columnLabel) throws SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public final double getDouble(String columnLabel) throws SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  public final BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Override
  @Deprecated
  public final BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    return getBigDecimal(findColumn(columnLabel), scale);
  }

  @Override
  public final byte[] getBytes(String columnLabel) throws SQLException {
    return getBytes(findColumn(columnLabel));
  }

  @Override
  public final Date getDate(String columnLabel) throws SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public final Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return getDate(findColumn(columnLabel), cal);
  }

  @Override
  public final Time getTime(String columnLabel) throws SQLException {
    return getTime(findColumn(columnLabel));
  }

  @Override
  public final Time getTime(String columnLabel, Calendar cal) throws SQLException {
    return getTime(findColumn(columnLabel), cal);
  }

  @Override
  public final Timestamp getTimestamp(String columnLabel) throws SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public final Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(columnLabel), cal);
  }

  @Override
  public final InputStream getAsciiStream(String columnLabel) throws SQLException {
    return getAsciiStream(findColumn(columnLabel));
  }

  @Override
  @Deprecated
  public final InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return getUnicodeStream(findColumn(columnLabel));
  }

  @Override
  public final InputStream getBinaryStream(String columnLabel) throws SQLException {
    return getBinaryStream(findColumn(columnLabel));
  }

  @Override
  public final Reader getCharacterStream(String columnLabel) throws SQLException {
    return getCharacterStream(findColumn(columnLabel));
  }

  @Override
  public final Reader getNCharacterStream(String columnLabel) throws SQLException {
    return getNCharacterStream(findColumn(columnLabel));
  }

  @Override
  public final Array getArray(String columnLabel) throws SQLException {
    return getArray(findColumn(columnLabel));
  }

  @Override
  public final Ref getRef(String columnLabel) throws SQLException {
    return getRef(findColumn(columnLabel));
  }

  @Override
  public final Blob getBlob(String columnLabel) throws SQLException {
    return getBlob(findColumn(columnLabel));
  }

  @Override
  public final Clob getClob(String columnLabel) throws SQLException {
    return getClob(findColumn(columnLabel));
  }

  @Override
  public final NClob getNClob(String columnLabel) throws SQLException {
    return getNClob(findColumn(columnLabel));
  }

  @Override
  public final SQLXML getSQLXML(String columnLabel) throws SQLException {
    return getSQLXML(findColumn(columnLabel));
  }

  @Override
  public final URL getURL(String columnLabel) throws SQLException {
    return getURL(findColumn(columnLabel));
  }

  @Override
  public final RowId getRowId(String columnLabel) throws SQLException {
    return getRowId(findColumn(columnLabel));
  }

  @Override
  public final <T> T unwrap(Class<T> iface) throws SQLException {
    return SqlStates.unwrap(this, iface);
  }

  @Override
  public final boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + (closed ? "[closed]" : "") + "@" + Integer.toHexString(hashCode()).toUpperCase(Locale.ROOT);
  }
}
