package dev.quiver.jdbc.rows;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.GraphException;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.view.RowCursor;
import dev.quiver.jdbc.errors.SqlStates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A result set over an engine {@link QueryResult}: forward-only and read-only, streaming one row at a time from
 * the engine's {@link RowCursor} (rows are never collected). Cells are converted from the engine's value
 * convention to JDBC's natural types: {@code BigInteger} (U64) → {@code BigDecimal}, {@code LocalDate} →
 * {@link java.sql.Date}, {@code Instant} → {@link Timestamp} whose wall clock is the UTC date-time, lists and
 * vectors → {@link java.sql.Array}. A positive {@code maxRows} stops the cursor after that many rows. Closing the
 * result set closes the cursor and tells the statement.
 */
public final class QuiverResultSet extends ValueResultSet {
  /** Told when the result set closes, so the statement can forget it (and honour {@code closeOnCompletion}). */
  @FunctionalInterface
  public interface CloseListener {
    void closed(QuiverResultSet resultSet) throws SQLException;
  }

  private final QueryResult result;
  private final RowCursor cursor;
  private final long maxRows;
  private final Object lock;
  private final CloseListener listener;
  private final List<String> elementTypes;
  private long row; // 0 before the first row
  private Object[] current;
  private Object[] lookahead;
  private boolean peeked;
  private boolean onRow;
  private boolean exhausted;

  public QuiverResultSet(
      Statement statement, QueryResult result, long maxRows, int fetchSize, Object lock, CloseListener listener)
      throws SQLException {
    this(statement, result, shape(result), maxRows, fetchSize, lock, listener);
  }

  private QuiverResultSet(
      Statement statement, QueryResult result, Shape shape, long maxRows, int fetchSize, Object lock,
      CloseListener listener) throws SQLException {
    super(statement, shape.metaData());
    this.result = requireNonNull(result, "result is null");
    this.cursor = result.rows();
    this.maxRows = maxRows;
    this.lock = requireNonNull(lock, "lock is null");
    this.listener = listener;
    this.elementTypes = shape.elementTypes();
    setFetchSize(fetchSize);
  }

  /** The JDBC description of a result's columns, shared by the result sets of one compiled plan. */
  private record Shape(RowsMetaData metaData, List<String> elementTypes) {}

  /**
   * Shapes by the engine's column list (a plan's own immutable list, so one entry per cached plan; weakly
   * held, so a plan the engine forgets is forgotten here too). A point lookup spent 7% building its metadata.
   */
  private static final java.util.Map<List<dev.quiver.engine.Column>, Shape> SHAPES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static Shape shape(QueryResult result) {
    List<dev.quiver.engine.Column> columns = result.columns();
    Shape shape = SHAPES.get(columns);
    if (shape == null) {
      List<String> elementTypes = new ArrayList<>();
      for (dev.quiver.engine.Column column : columns) {
        elementTypes.add(ResultColumns.elementTypeName(column.typeName()));
      }
      shape = new Shape(metaData(result), List.copyOf(elementTypes));
      SHAPES.put(columns, shape);
    }
    return shape;
  }

  /** A result set with no statement, for tests and engine-side callers. */
  public QuiverResultSet(QueryResult result) throws SQLException {
    this(null, result, 0, 0, new Object(), null);
  }

  private static RowsMetaData metaData(QueryResult result) {
    List<Column> columns = new ArrayList<>();
    for (dev.quiver.engine.Column column : result.columns()) {
      columns.add(ResultColumns.of(column));
    }
    return new RowsMetaData(columns);
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (exhausted) {
      return false;
    }
    if (maxRows > 0 && row >= maxRows) {
      finish();
      return false;
    }
    if (peeked) {
      peeked = false;
      current = lookahead;
      lookahead = null;
    } else {
      current = advance() ? cursor.row() : null;
    }
    if (current == null) {
      finish();
      return false;
    }
    row++;
    onRow = true;
    return true;
  }

  private boolean advance() throws SQLException {
    try {
      synchronized (lock) {
        return cursor.next();
      }
    } catch (GraphException e) {
      throw SqlStates.translate(e);
    }
  }

  /**
   * Whether another row follows, found by reading it ahead (copied, since the cursor may reuse its array). Only
   * {@link #isBeforeFirst()} and {@link #isLast()} need it; plain iteration never copies.
   */
  private boolean hasMore() throws SQLException {
    if (exhausted || (maxRows > 0 && row >= maxRows)) {
      return false;
    }
    if (!peeked) {
      if (current != null) {
        current = current.clone();
      }
      lookahead = advance() ? cursor.row().clone() : null;
      peeked = true;
    }
    return lookahead != null;
  }

  /** The end: the scan is released at once rather than when the application gets round to closing. */
  private void finish() {
    exhausted = true;
    onRow = false;
    current = null;
    result.close();
  }

  @Override
  protected boolean onRow() {
    return onRow;
  }

  @Override
  protected Object value(int column) {
    return toJdbc(current[column - 1], elementTypes.get(column - 1));
  }

  /** An engine value as the Java object {@code getObject} returns. */
  static Object toJdbc(Object value, String elementType) {
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof LocalDate) {
      return java.sql.Date.valueOf((LocalDate) value);
    }
    if (value instanceof Instant) {
      return Timestamp.valueOf(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
    }
    if (value instanceof List || value instanceof float[]) {
      return QuiverArray.of(value, elementType);
    }
    return value;
  }

  @Override
  protected void release() throws SQLException {
    onRow = false;
    exhausted = true;
    try {
      result.close();
    } finally {
      if (listener != null) {
        listener.closed(this);
      }
    }
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return onRow ? (int) Math.min(Integer.MAX_VALUE, row) : 0;
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return row == 0 && hasMore();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return exhausted && row > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return onRow && row == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return onRow && !hasMore();
  }
}
