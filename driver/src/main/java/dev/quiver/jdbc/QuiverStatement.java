package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.QueryResult;
import dev.quiver.engine.Result;
import dev.quiver.engine.UpdateResult;
import dev.quiver.jdbc.errors.SqlStates;
import dev.quiver.jdbc.rows.QuiverResultSet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement of a {@link QuiverConnection}. Every {@code execute…} call hands its text to the engine's
 * {@link dev.quiver.engine.Session#execute}, which decides what the text is ({@code .pg} schema, {@code .gq},
 * SQL); this class only translates the engine's {@link Result} into JDBC's results.
 *
 * <p>After an update, {@link #getUpdateCount()} and {@link #getMoreResults()} step through the counts of the
 * text's statements, and {@link #affectedNodes()}, {@link #affectedEdges()} and {@link #graphVersion()} describe
 * the whole execution; reach them with {@code unwrap(QuiverStatement.class)}. {@code executeQuery} on a text
 * that produces no rows fails with {@code 02000} before anything runs (pgjdbc's state; H2's timing).
 */
public class QuiverStatement implements Statement {
  /** pgjdbc's state for {@code executeQuery} on a statement that returns no rows. */
  static final String NO_RESULT_SET = "02000";
  /** pgjdbc's state for {@code executeUpdate} on a statement that returns rows. */
  static final String UNEXPECTED_RESULT_SET = "0100E";

  private final QuiverConnection connection;
  private final List<String> batch = new ArrayList<>();
  private volatile boolean closed;
  private QuiverResultSet resultSet;
  private List<Long> counts = List.of();
  private int countIndex;
  private long affectedNodes = -1;
  private long affectedEdges = -1;
  private long graphVersion = -1;
  private long maxRows;
  private int queryTimeoutSeconds;
  private int fetchSize;
  private boolean poolable;
  private boolean closeOnCompletion;

  QuiverStatement(QuiverConnection connection) {
    this.connection = requireNonNull(connection, "connection is null");
  }

  /** What {@code executeQuery}/{@code executeUpdate} demand of a text's result. */
  enum Expect {
    ANY,
    ROWS,
    COUNTS
  }

  /** Runs one statement text; returns whether it produced a result set (JDBC's {@code execute} contract). */
  final boolean run(String text, List<Object> parameters, Expect expect) throws SQLException {
    checkOpen();
    clearResults();
    if (text == null) {
      throw SqlStates.create("statement text is null", SqlStates.SYNTAX_ERROR, null);
    }
    if (expect == Expect.ROWS && !connection.shape(text).producesRows()) {
      throw SqlStates.create(
          "the statement text returns no result set; run it with execute or executeUpdate", NO_RESULT_SET, null);
    }
    Result result = connection.execute(text, parameters, queryTimeoutSeconds * 1000L);
    if (result instanceof QueryResult) {
      QueryResult rows = (QueryResult) result;
      if (expect == Expect.COUNTS) {
        rows.close();
        throw SqlStates.create(
            "the statement text returns a result set; run it with executeQuery or execute", UNEXPECTED_RESULT_SET, null);
      }
      resultSet = new QuiverResultSet(this, rows, maxRows, fetchSize, connection.sessionLock(), this::resultSetClosed);
      return true;
    }
    record((UpdateResult) result);
    return false;
  }

  /** Remembers an update's outcome for {@link #getUpdateCount()} and the {@code unwrap} accessors. */
  final void record(UpdateResult update) {
    counts = update.counts();
    countIndex = 0;
    affectedNodes = update.affectedNodes();
    affectedEdges = update.affectedEdges();
    graphVersion = update.graphVersion();
  }

  /**
   * Distinct nodes the last execution affected (-1 before any, or after a query). Reach it with {@code
   * statement.unwrap(QuiverStatement.class).affectedNodes()}.
   */
  public long affectedNodes() {
    return affectedNodes;
  }

  /** Distinct edges the last execution affected, cascaded deletes included (-1 before any, or after a query). */
  public long affectedEdges() {
    return affectedEdges;
  }

  /**
   * The graph version after the last execution: in auto-commit mode the version it published, or the
   * unchanged current version when it changed nothing; in a transaction the version the transaction reads
   * (see {@link QuiverConnection#graphVersion()} for the version {@code commit()} published). -1 before any
   * execution, or after a query.
   */
  public long graphVersion() {
    return graphVersion;
  }

  final void checkOpen() throws SQLException {
    if (closed) {
      throw SqlStates.closed("statement");
    }
    connection.checkOpen();
  }

  private void clearResults() throws SQLException {
    closeResultSet();
    counts = List.of();
    countIndex = 0;
    affectedNodes = -1;
    affectedEdges = -1;
    graphVersion = -1;
  }

  private void closeResultSet() throws SQLException {
    if (resultSet != null) {
      QuiverResultSet open = resultSet;
      resultSet = null;
      open.close();
    }
  }

  /** Called by a result set of this statement when it closes; honours {@link #closeOnCompletion()}. */
  final void resultSetClosed(QuiverResultSet closedResultSet) throws SQLException {
    if (resultSet == closedResultSet) {
      resultSet = null;
    }
    if (closeOnCompletion && resultSet == null && !closed) {
      close();
    }
  }

  private long currentCount() {
    return countIndex < counts.size() ? counts.get(countIndex) : -1;
  }

  private long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  final QuiverConnection quiverConnection() {
    return connection;
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    run(sql, List.of(), Expect.ROWS);
    return resultSet;
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return clamp(executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    run(sql, List.of(), Expect.COUNTS);
    return total();
  }

  /** The total of the last update's counts, for {@code executeUpdate} of a prepared statement. */
  final long lastTotal() {
    return total();
  }

  static int clamp(long count) {
    return (int) Math.min(Integer.MAX_VALUE, count);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return run(sql, List.of(), Expect.ANY);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    checkNoGeneratedKeys(autoGeneratedKeys);
    return executeUpdate(sql);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    checkNoGeneratedKeys(autoGeneratedKeys);
    return executeLargeUpdate(sql);
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    checkNoGeneratedKeys(autoGeneratedKeys);
    return execute(sql);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    throw SqlStates.unsupported("generated keys");
  }

  private void checkNoGeneratedKeys(int autoGeneratedKeys) throws SQLException {
    checkOpen();
    if (autoGeneratedKeys == RETURN_GENERATED_KEYS) {
      throw SqlStates.unsupported("generated keys");
    }
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    return resultSet;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    checkOpen();
    return clamp(currentCount());
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    return currentCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    closeResultSet();
    if (countIndex < counts.size()) {
      countIndex++;
    }
    return false;
  }

  /** Adds a text to the batch; {@link #executeBatch()} runs them all as one atomic graph commit. */
  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    if (sql == null) {
      throw SqlStates.create("statement text is null", SqlStates.SYNTAX_ERROR, null);
    }
    batch.add(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return Batches.toInts(executeLargeBatch());
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    clearResults();
    List<Batches.Command> commands = new ArrayList<>();
    for (String text : batch) {
      commands.add(new Batches.Command(text, List.of()));
    }
    batch.clear();
    return runBatch(commands);
  }

  /** Runs a batch through {@link Batches} and records its summed outcome. */
  final long[] runBatch(List<Batches.Command> commands) throws SQLException {
    Batches.Outcome outcome = connection.executeBatch(commands, queryTimeoutSeconds * 1000L);
    counts = List.of();
    affectedNodes = outcome.affectedNodes();
    affectedEdges = outcome.affectedEdges();
    graphVersion = outcome.graphVersion();
    return outcome.counts();
  }

  /**
   * Stops the statement running on this statement's connection (from another thread) at its next cancellation
   * point with SQLState 57014; the graph is left as if it never ran. Without a running statement it does
   * nothing.
   */
  @Override
  public void cancel() throws SQLException {
    checkOpen();
    connection.cancelRunning();
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeResultSet();
    } finally {
      connection.forget(this);
    }
  }

  /** Closes without telling the connection, which is closing all its statements. */
  final void closeFromConnection() throws SQLException {
    if (!closed) {
      closed = true;
      closeResultSet();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return 0;
  }

  /** Accepted and ignored: values are never truncated. */
  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    checkNotNegative(max, "max field size");
  }

  @Override
  public int getMaxRows() throws SQLException {
    checkOpen();
    return (int) Math.min(Integer.MAX_VALUE, maxRows);
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    checkOpen();
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    checkOpen();
    checkNotNegative(max, "max rows");
    maxRows = max;
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return queryTimeoutSeconds;
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    checkNotNegative(seconds, "query timeout");
    queryTimeoutSeconds = seconds;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("named cursors");
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw SqlStates.unsupported("fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    checkNotNegative(rows, "fetch size");
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
    this.poolable = poolable;
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    return poolable;
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return closeOnCompletion;
  }

  private static void checkNotNegative(long value, String what) throws SQLException {
    if (value < 0) {
      throw SqlStates.create(what + " must not be negative, got " + value, SqlStates.INVALID_PARAMETER, null);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return SqlStates.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
