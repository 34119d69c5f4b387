package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.StatementShape;
import dev.quiver.jdbc.errors.SqlStates;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TreeMap;

/**
 * A prepared statement: a statement text fixed at prepare time and run by the parameterless {@code execute…}
 * methods through the same engine call as {@link QuiverStatement}. Parameters are bound by index: {@code $name}
 * parameters are numbered in order of first appearance (a {@code query} declaration's parameter list fixes the
 * order), each {@code ?} takes the next number. Values are converted to the engine's convention by
 * {@link Parameters} when they are set; an unbound parameter fails with {@code 22023} naming it before anything
 * runs. Stream and LOB parameters fail with {@code 0A000}.
 */
public final class QuiverPreparedStatement extends QuiverStatement implements PreparedStatement {
  private final String text;
  private final TreeMap<Integer, Object> parameters = new TreeMap<>();
  private final List<Batches.Command> batch = new ArrayList<>();
  private StatementShape shape;

  QuiverPreparedStatement(QuiverConnection connection, String text) throws SQLException {
    super(connection);
    if (text == null) {
      throw SqlStates.create("statement text is null", SqlStates.SYNTAX_ERROR, null);
    }
    this.text = requireNonNull(text, "text is null");
  }

  private void bind(int parameterIndex, Object value) throws SQLException {
    checkOpen();
    if (parameterIndex < 1) {
      throw SqlStates.create("parameter index " + parameterIndex + " is out of range", SqlStates.INVALID_PARAMETER, null);
    }
    parameters.put(parameterIndex, value);
  }

  private void bindConverted(int parameterIndex, Object value) throws SQLException {
    checkOpen();
    bind(parameterIndex, Parameters.toEngine(value));
  }

  /** The text's shape, found once: it depends on the text only, never on the schema. */
  private StatementShape shape() throws SQLException {
    if (shape == null) {
      shape = quiverConnection().shape(text);
    }
    return shape;
  }

  /** The bound values by index; fails with {@code 22023} naming the first parameter that is not set. */
  private List<Object> boundValues() throws SQLException {
    checkOpen();
    List<String> names = shape().parameters();
    if (!parameters.isEmpty() && parameters.lastKey() > names.size()) {
      throw SqlStates.create(
          "parameter index " + parameters.lastKey() + " is out of range: the text has " + names.size() + " parameters",
          SqlStates.INVALID_PARAMETER,
          null);
    }
    List<Object> values = new ArrayList<>(names.size());
    for (int index = 1; index <= names.size(); index++) {
      if (!parameters.containsKey(index)) {
        throw SqlStates.create(
            "parameter " + names.get(index - 1) + " (index " + index + ") is not set", SqlStates.INVALID_PARAMETER, null);
      }
      values.add(parameters.get(index));
    }
    return values;
  }

  private SQLException unsupportedParameter(int parameterIndex, String kind) throws SQLException {
    checkOpen();
    return SqlStates.unsupported(kind + " parameters (parameter " + parameterIndex + ")");
  }

  /** PreparedStatement runs its own text; the String-taking methods of Statement are not allowed (JDBC). */
  private SQLException textNotAllowed() throws SQLException {
    checkOpen();
    return SqlStates.create(
        "a PreparedStatement runs the text it was prepared with; use execute() without a text", "42809", null);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    run(text, boundValues(), Expect.ROWS);
    return getResultSet();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return clamp(executeLargeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    run(text, boundValues(), Expect.COUNTS);
    return lastTotal();
  }

  @Override
  public boolean execute() throws SQLException {
    return run(text, boundValues(), Expect.ANY);
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw textNotAllowed();
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    throw textNotAllowed();
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    throw textNotAllowed();
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw textNotAllowed();
  }

  @Override
  public void addBatch() throws SQLException {
    batch.add(new Batches.Command(text, boundValues()));
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw textNotAllowed();
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  /** Runs every parameter set added with {@link #addBatch()} as one atomic graph commit (see {@link Batches}). */
  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<Batches.Command> commands = new ArrayList<>(batch);
    batch.clear();
    return runBatch(commands);
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    parameters.clear();
  }

  /** Null: result columns are known only once SQL reads can be planned. */
  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    return new QuiverParameterMetaData(shape().parameters());
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    bind(parameterIndex, null);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    bind(parameterIndex, null);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    bind(parameterIndex, x);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    bind(parameterIndex, value);
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    bind(parameterIndex, Parameters.date(x, cal));
  }

  /** Bound as a {@code LocalTime}; no property type holds a time of day, so the engine refuses it ({@code 22023}). */
  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  /** The timestamp's wall clock is read as a UTC date-time (see {@link Parameters}). */
  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  /** The wall clock the timestamp shows in the calendar's zone, as a UTC date-time: a UTC calendar is exact. */
  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    bind(parameterIndex, Parameters.timestamp(x, cal));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    checkOpen();
    bind(parameterIndex, Parameters.toTarget(x, targetSqlType, parameterIndex));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    setObject(parameterIndex, x, targetSqlType);
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    bindConverted(parameterIndex, x);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "AsciiStream");
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "AsciiStream");
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "AsciiStream");
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "UnicodeStream");
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "BinaryStream");
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "BinaryStream");
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "BinaryStream");
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "CharacterStream");
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "CharacterStream");
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    throw unsupportedParameter(parameterIndex, "CharacterStream");
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "NCharacterStream");
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    throw unsupportedParameter(parameterIndex, "NCharacterStream");
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Ref");
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Blob");
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Blob");
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Blob");
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Clob");
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Clob");
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    throw unsupportedParameter(parameterIndex, "Clob");
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    throw unsupportedParameter(parameterIndex, "NClob");
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    throw unsupportedParameter(parameterIndex, "NClob");
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    throw unsupportedParameter(parameterIndex, "NClob");
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "URL");
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    throw unsupportedParameter(parameterIndex, "RowId");
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    throw unsupportedParameter(parameterIndex, "SQLXML");
  }
}
