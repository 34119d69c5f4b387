package dev.quiver.jdbc.rows;

import dev.quiver.jdbc.errors.SqlStates;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * The part of {@link ResultSet} that every Quiver result set answers the same way: results are read-only
 * ({@code CONCUR_READ_ONLY}) and forward-only, so every update and every cursor move other than {@code next}
 * fails with {@code 0A000}. Subclasses supply the values.
 */
public abstract class ReadOnlyResultSet implements ResultSet {

  /** Throws {@code 08003} once the result set is closed. */
  protected abstract void checkOpen() throws SQLException;

  private SQLException readOnly() throws SQLException {
    checkOpen();
    return SqlStates.unsupported("updating a result set (results are read-only)");
  }

  private SQLException forwardOnly() throws SQLException {
    checkOpen();
    return SqlStates.unsupported("moving a forward-only result set other than with next()");
  }

  @Override
  public final boolean previous() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean first() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean last() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void afterLast() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean absolute(int row) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public final void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != FETCH_FORWARD) {
      throw SqlStates.unsupported("fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public final int getFetchDirection() throws SQLException {
    checkOpen();
    return FETCH_FORWARD;
  }

  @Override
  public final int getType() throws SQLException {
    checkOpen();
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public final int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public final int getHoldability() throws SQLException {
    checkOpen();
    return CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public final String getCursorName() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("named cursors");
  }

  @Override
  public final boolean rowUpdated() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public final boolean rowInserted() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public final boolean rowDeleted() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public final void insertRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void deleteRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void refreshRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void cancelRowUpdates() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void moveToInsertRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void moveToCurrentRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNull(int columnIndex) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBoolean(int columnIndex, boolean x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateByte(int columnIndex, byte x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateShort(int columnIndex, short x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateInt(int columnIndex, int x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateLong(int columnIndex, long x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateFloat(int columnIndex, float x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateDouble(int columnIndex, double x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBigDecimal(int columnIndex, BigDecimal x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateString(int columnIndex, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBytes(int columnIndex, byte[] x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateDate(int columnIndex, Date x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateTime(int columnIndex, Time x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateTimestamp(int columnIndex, Timestamp x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateAsciiStream(int columnIndex, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBinaryStream(int columnIndex, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateCharacterStream(int columnIndex, Reader x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateObject(int columnIndex, Object x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateObject(int columnIndex, Object x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateRef(int columnIndex, Ref x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBlob(int columnIndex, Blob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateClob(int columnIndex, Clob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateArray(int columnIndex, Array x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateRowId(int columnIndex, RowId x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNString(int columnIndex, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNClob(int columnIndex, NClob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateSQLXML(int columnIndex, SQLXML x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNCharacterStream(int columnIndex, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateAsciiStream(int columnIndex, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBinaryStream(int columnIndex, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateCharacterStream(int columnIndex, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBlob(int columnIndex, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateClob(int columnIndex, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNClob(int columnIndex, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNCharacterStream(int columnIndex, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateAsciiStream(int columnIndex, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBinaryStream(int columnIndex, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateCharacterStream(int columnIndex, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBlob(int columnIndex, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateClob(int columnIndex, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNClob(int columnIndex, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNull(String columnLabel) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBoolean(String columnLabel, boolean x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateByte(String columnLabel, byte x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateShort(String columnLabel, short x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateInt(String columnLabel, int x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateLong(String columnLabel, long x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateFloat(String columnLabel, float x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateDouble(String columnLabel, double x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBigDecimal(String columnLabel, BigDecimal x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateString(String columnLabel, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBytes(String columnLabel, byte[] x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateDate(String columnLabel, Date x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateTime(String columnLabel, Time x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateTimestamp(String columnLabel, Timestamp x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateAsciiStream(String columnLabel, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBinaryStream(String columnLabel, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateCharacterStream(String columnLabel, Reader x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateObject(String columnLabel, Object x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateObject(String columnLabel, Object x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateRef(String columnLabel, Ref x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBlob(String columnLabel, Blob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateClob(String columnLabel, Clob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateArray(String columnLabel, Array x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateRowId(String columnLabel, RowId x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNString(String columnLabel, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNClob(String columnLabel, NClob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateSQLXML(String columnLabel, SQLXML x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNCharacterStream(String columnLabel, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateAsciiStream(String columnLabel, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBinaryStream(String columnLabel, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateCharacterStream(String columnLabel, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBlob(String columnLabel, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateClob(String columnLabel, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNClob(String columnLabel, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNCharacterStream(String columnLabel, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateAsciiStream(String columnLabel, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBinaryStream(String columnLabel, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateCharacterStream(String columnLabel, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateBlob(String columnLabel, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateClob(String columnLabel, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public final void updateNClob(String columnLabel, Reader x0) throws SQLException {
    throw readOnly();
  }
}
