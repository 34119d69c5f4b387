package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.IndexInfo;
import dev.quiver.engine.Result;
import dev.quiver.engine.Session;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.StatementShape;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.jdbc.config.ConnectionUrl;
import dev.quiver.jdbc.errors.SqlStates;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A connection: one engine {@link Session} on a graph store shared by every connection to the same location.
 *
 * <p>Choices where JDBC leaves room (see {@code docs/jdbc.md}): isolation is snapshot isolation, reported as
 * {@code TRANSACTION_REPEATABLE_READ}; {@link #setTransactionIsolation} accepts every level and keeps
 * snapshot isolation, which the spec allows ("upgrade silently"). {@link #setReadOnly} never throws:
 * {@code true} makes the session refuse writes ({@code 25006}, decided by the engine); {@code false} cannot make
 * a connection opened with {@code readOnly=true} writable, and is then ignored. {@code setNetworkTimeout} stores the value
 * (there is no network). Closing the connection closes its statements.
 */
public final class QuiverConnection implements Connection {
  private static final int DEFAULT_ISOLATION = TRANSACTION_REPEATABLE_READ;

  private final ConnectionUrl url;
  private final GraphStore store;
  private final Session session;
  private final Set<QuiverStatement> statements = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Properties clientInfo = new Properties();
  private volatile boolean closed;
  private long lastCommitVersion = -1;
  private int networkTimeoutMillis;
  private String schema = CatalogRows.GRAPH_SCHEMA;
  private SQLWarning warnings;

  QuiverConnection(ConnectionUrl url, GraphStore store, Session session) {
    this.url = requireNonNull(url, "url is null");
    this.store = requireNonNull(store, "store is null");
    this.session = requireNonNull(session, "session is null");
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw SqlStates.closed("connection");
    }
  }

  /** The catalog of this session's view of the graph, including schema changes it applied. */
  Catalog catalog() throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        return session.catalog();
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /**
   * The Lance indexes of every table at this session's snapshot (the transaction's once it has started), with
   * each table's row count at that snapshot for the unique ones, which {@code getIndexInfo} reports as their
   * cardinality.
   */
  IndexSnapshot indexes() throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        Snapshot snapshot = session.snapshot();
        List<IndexInfo> indexes = store.indexes(snapshot);
        Map<String, Long> rows = new HashMap<>();
        for (IndexInfo index : indexes) {
          if (index.unique()) {
            rows.computeIfAbsent(index.tableKey(), key -> store.rowCount(snapshot, key));
          }
        }
        return new IndexSnapshot(snapshot.catalog(), indexes, rows);
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /** What {@link #indexes()} read from one snapshot: its catalog, its indexes and row counts by table key. */
  record IndexSnapshot(Catalog catalog, List<IndexInfo> indexes, Map<String, Long> rowCounts) {}

  /** The lock every use of the session holds: statements, result sets and metadata of one connection share it. */
  Object sessionLock() {
    return session;
  }

  /** For tests in this package: the engine session behind the connection. */
  Session session() {
    return session;
  }

  /** Runs a statement text on the session; engine errors become {@link SQLException}s. */
  Result execute(String text, List<Object> parameters) throws SQLException {
    return execute(text, parameters, 0);
  }

  /** Runs a text that stops with 57014 after {@code timeoutMillis} (0: no limit) or on {@link #cancelRunning()}. */
  Result execute(String text, List<Object> parameters, long timeoutMillis) throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        return session.execute(text, parameters, timeoutMillis);
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /** Asks the statement running on this connection to stop; safe from any thread (takes no lock). */
  void cancelRunning() {
    session.cancel();
  }

  /** Describes a text without running it (see {@link Session#describe}). */
  StatementShape shape(String text) throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        return session.describe(text);
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /** Runs a batch as one atomic graph commit, or inside the open transaction (see {@link Batches}). */
  Batches.Outcome executeBatch(List<Batches.Command> commands, long timeoutMillis) throws SQLException {
    checkOpen();
    synchronized (session) {
      Batches.Outcome outcome = Batches.run(session, commands, timeoutMillis);
      if (session.autoCommit() && outcome.graphVersion() >= 0) {
        lastCommitVersion = outcome.graphVersion();
      }
      return outcome;
    }
  }

  /**
   * The graph version the last {@link #commit()} on this connection left the graph at (the version it
   * published, or the current one when it had nothing to publish); -1 before any commit. Reach it with
   * {@code connection.unwrap(QuiverConnection.class).graphVersion()}.
   */
  public long graphVersion() {
    return lastCommitVersion;
  }

  String url() {
    return ConnectionUrl.PREFIX + url.location();
  }

  String actor() {
    return url.actor();
  }

  void forget(QuiverStatement statement) {
    statements.remove(statement);
  }

  private <T extends QuiverStatement> T track(T statement) {
    statements.add(statement);
    return statement;
  }

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return track(new QuiverStatement(this));
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    checkResultSetOptions(resultSetType, resultSetConcurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return createStatement();
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    checkResultSetOptions(resultSetType, resultSetConcurrency, resultSetHoldability);
    return createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    return track(new QuiverPreparedStatement(this, sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    checkResultSetOptions(resultSetType, resultSetConcurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkResultSetOptions(resultSetType, resultSetConcurrency, resultSetHoldability);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    checkOpen();
    if (autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS) {
      throw SqlStates.unsupported("generated keys");
    }
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("generated keys");
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("generated keys");
  }

  /**
   * Results are forward-only and read-only; other requests are downgraded with a warning on the connection, as
   * JDBC allows, rather than refused, because tools ask for scrollable cursors by habit.
   */
  private void checkResultSetOptions(int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    if (type != ResultSet.TYPE_FORWARD_ONLY) {
      addWarning("result set type " + type + " is not supported; using TYPE_FORWARD_ONLY");
    }
    if (concurrency != ResultSet.CONCUR_READ_ONLY) {
      addWarning("result set concurrency " + concurrency + " is not supported; using CONCUR_READ_ONLY");
    }
    if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
      addWarning("result set holdability " + holdability + " is not supported; using CLOSE_CURSORS_AT_COMMIT");
    }
  }

  private void addWarning(String message) {
    SQLWarning warning = new SQLWarning(message, "01000");
    if (warnings == null) {
      warnings = warning;
    } else {
      warnings.setNextWarning(warning);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("stored procedures (prepareCall)");
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  /**
   * Auto-commit is on by default: each {@code execute…} call is one atomic graph commit. Turning it off starts
   * a transaction at the next statement; turning it on commits a transaction in progress (JDBC), which may
   * fail with {@code 40001}.
   */
  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        boolean committing = autoCommit && !session.autoCommit();
        session.autoCommit(autoCommit);
        if (committing) {
          lastCommitVersion = session.store().snapshot().graphVersion();
        }
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    synchronized (session) {
      return session.autoCommit();
    }
  }

  /**
   * Publishes the transaction as one graph commit. A conflict is {@code 40001}
   * ({@link java.sql.SQLTransactionRollbackException}) naming the table and both versions; the transaction is
   * then rolled back. In auto-commit mode there is nothing to commit and the call does nothing, as in H2
   * (pgjdbc throws), because tools and frameworks call it defensively.
   */
  @Override
  public void commit() throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        if (!session.autoCommit()) {
          lastCommitVersion = session.commit();
        }
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /** Discards the transaction's pending writes; does nothing in auto-commit mode (like {@link #commit()}). */
  @Override
  public void rollback() throws SQLException {
    checkOpen();
    try {
      synchronized (session) {
        session.rollback();
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /** Closing rolls back a transaction in progress (its pending writes are discarded), then closes statements. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    List<QuiverStatement> open;
    synchronized (statements) {
      open = new ArrayList<>(statements);
      statements.clear();
    }
    for (QuiverStatement statement : open) {
      try {
        statement.closeFromConnection();
      } catch (SQLException e) {
        failure = accumulate(failure, e);
      }
    }
    try {
      synchronized (session) {
        session.close();
      }
    } catch (RuntimeException e) {
      failure = accumulate(failure, SqlStates.create("closing the session failed: " + e, "58030", e));
    }
    try {
      store.close();
    } catch (RuntimeException e) {
      failure = accumulate(failure, SqlStates.create("closing the graph store failed: " + e, "58030", e));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static SQLException accumulate(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Really checks: the session must still answer with its snapshot. Never throws for a closed connection. */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw SqlStates.create("timeout must not be negative, got " + timeout, SqlStates.INVALID_PARAMETER, null);
    }
    if (closed) {
      return false;
    }
    try {
      synchronized (session) {
        session.snapshot();
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw SqlStates.create("executor is null", SqlStates.INVALID_PARAMETER, null);
    }
    if (closed) {
      return;
    }
    executor.execute(
        () -> {
          try {
            close();
          } catch (SQLException e) {
            java.util.logging.Logger.getLogger("dev.quiver.jdbc").log(java.util.logging.Level.FINE, "abort: close failed", e);
          }
        });
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new QuiverDatabaseMetaData(this);
  }

  /** Never throws (HikariCP and DBeaver call it while opening): see the class comment. */
  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    synchronized (session) {
      session.readOnly(readOnly);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    synchronized (session) {
      return session.readOnly();
    }
  }

  /** Silently ignored: a graph has no catalogs (JDBC asks drivers without catalogs to ignore the call). */
  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return null;
  }

  /** Accepts every level and keeps snapshot isolation (reported as REPEATABLE READ), as JDBC allows. */
  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return DEFAULT_ISOLATION;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    warnings = null;
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return new java.util.HashMap<>();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    if (map != null && !map.isEmpty()) {
      throw SqlStates.unsupported("user-defined type maps");
    }
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
      throw SqlStates.unsupported("result set holdability other than CLOSE_CURSORS_AT_COMMIT");
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("savepoints");
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return setSavepoint();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    setSavepoint();
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    setSavepoint();
  }

  @Override
  public Clob createClob() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("CLOB values");
  }

  @Override
  public Blob createBlob() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("BLOB values");
  }

  @Override
  public NClob createNClob() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("NCLOB values");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("SQLXML values");
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("createArrayOf");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    checkOpen();
    throw SqlStates.unsupported("STRUCT values");
  }

  /** Any name is accepted and kept for {@link #getClientInfo}; nothing reads it yet. */
  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("connection is closed", SqlStates.CLOSED, 0, Map.of());
    }
    if (name == null) {
      return;
    }
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("connection is closed", SqlStates.CLOSED, 0, Map.of());
    }
    clientInfo.clear();
    if (properties != null) {
      for (String name : properties.stringPropertyNames()) {
        clientInfo.setProperty(name, properties.getProperty(name));
      }
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return name == null ? null : clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  /** {@code GRAPH} (the default, node and edge types) or {@code QUIVER} (system tables), in any case. */
  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    String upper = schema == null ? "" : schema.toUpperCase(Locale.ROOT);
    if (!upper.equals(CatalogRows.GRAPH_SCHEMA) && !upper.equals(CatalogRows.SYSTEM_SCHEMA)) {
      throw SqlStates.create(
          "schema '" + schema + "' does not exist; the schemas are GRAPH and QUIVER", "3F000", null);
    }
    this.schema = upper;
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return schema;
  }

  /** Stored and reported; there is no network to time out. */
  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw SqlStates.create("network timeout must not be negative, got " + milliseconds, SqlStates.INVALID_PARAMETER, null);
    }
    this.networkTimeoutMillis = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeoutMillis;
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
