package dev.quiver.engine.view;

import dev.quiver.engine.Cancellation;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.storage.TableStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt4Vector;

/**
 * Version-pinned columns of a table held in memory, for filtered scans that are not point lookups ({@code age
 * BETWEEN 30 AND 40}, the aggregates over them): such a scan costs Lance about a millisecond of fixed cost
 * plus the decode of every matching row, while a cached column is filtered in a loop over an array. Keyed by
 * (table, Lance version, column): a Lance version never changes, so an entry is never stale, and a commit
 * leaves it behind by pinning a new version. A column is built by one scan of that column once a version has
 * been asked {@link #BUILD_AFTER_PROPERTY} times, evicted least-recently-used, and bounded by {@link
 * #BOUND_PROPERTY} bytes (estimated; a column larger than the bound is remembered as too large and always
 * scanned). Only immutable values are held (strings, numbers, booleans, dates, times); a scan that needs a
 * list, vector or blob column goes to Lance. Rows come out in scan order, as a scan without an index returns
 * them. Thread-safe.
 */
public final class ColumnCache {
  /** System property: the bound in bytes (default 128 MiB; 0 disables the cache). */
  public static final String BOUND_PROPERTY = "quiver.columnCache.maxBytes";
  /** System property: filtered scans of one table version that ask for a column before it is built (default 3). */
  public static final String BUILD_AFTER_PROPERTY = "quiver.columnCache.buildAfter";
  static final long DEFAULT_BOUND = 128L << 20;

  private record Key(String tableKey, long version, String column) {}

  /**
   * One column of one table version in scan order, or a marker that it cannot be held ({@code values ==
   * null}). {@code longs} mirrors the values when they are all integers (I32, I64, U32), so comparisons with
   * an integer run without unboxing.
   */
  private record Column(Object[] values, long[] longs, long bytes) {}

  private static final Column UNCACHEABLE = new Column(null, null, 64);

  private final VersionedEntries<Key, Column> entries;

  public ColumnCache(long maxBytes, int buildAfter) {
    this.entries = new VersionedEntries<>(maxBytes, buildAfter, Column::bytes);
  }

  /** A cache configured by the system properties. */
  public static ColumnCache configured() {
    return new ColumnCache(Long.getLong(BOUND_PROPERTY, DEFAULT_BOUND), Integer.getInteger(BUILD_AFTER_PROPERTY, 3));
  }

  public long maxBytes() {
    return entries.maxBytes();
  }

  /** The estimated bytes held now (never above {@link #maxBytes()}). */
  public long usedBytes() {
    return entries.usedBytes();
  }

  /**
   * The rows a Lance scan of {@code columns} with {@code filter} would return, from cached columns; null when
   * a column is not (yet) held or cannot be, and the caller must scan.
   */
  RowCursor scan(TableStore tables, String tableKey, long version, List<String> columns, Filter filter) {
    if (entries.maxBytes() == 0 || filter == null) {
      return null;
    }
    Set<String> needed = new LinkedHashSet<>(columns);
    needed.addAll(Filter.columnsOf(filter));
    Map<String, Column> held = new HashMap<>();
    int rows = -1;
    for (String name : needed) {
      Column column = entries.get(new Key(tableKey, version, name), key -> build(tables, key));
      if (column == null || column.values() == null || (rows >= 0 && column.values().length != rows)) {
        return null;
      }
      rows = column.values().length;
      held.put(name, column);
    }
    Test test = compile(filter, held);
    Object[][] projected = new Object[columns.size()][];
    for (int i = 0; i < projected.length; i++) {
      projected[i] = held.get(columns.get(i)).values();
    }
    return new Cursor(test, projected, rows);
  }

  private Column build(TableStore tables, Key key) {
    List<Object> values = new ArrayList<>();
    long[] longs = new long[1024];
    boolean integral = true;
    long bytes = 64;
    try (TableScan scan = tables.openScan(key.tableKey(), key.version(), List.of(key.column()), null)) {
      while (scan.next()) {
        Cancellation.check();
        FieldVector vector = scan.batch().getVector(key.column());
        boolean integers = vector instanceof IntVector || vector instanceof BigIntVector || vector instanceof UInt4Vector;
        int count = scan.batch().getRowCount();
        for (int i = 0; i < count; i++) {
          Object value = ArrowValues.get(vector, i);
          if (value != null && !immutable(value)) {
            return UNCACHEABLE;
          }
          if (integral && integers && value != null) {
            while (values.size() >= longs.length) {
              longs = java.util.Arrays.copyOf(longs, longs.length * 2);
            }
            longs[values.size()] = ((Number) value).longValue();
          } else if (value != null) {
            integral = false;
          }
          values.add(value);
          bytes += 16 + estimate(value); // the array slot, the unboxed mirror, the value
        }
        if (bytes > entries.maxBytes()) {
          return UNCACHEABLE;
        }
      }
    }
    Object[] array = values.toArray();
    return new Column(array, integral ? java.util.Arrays.copyOf(longs, array.length) : null, bytes);
  }

  private static boolean immutable(Object value) {
    return value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof java.time.LocalDate
        || value instanceof java.time.Instant;
  }

  private static long estimate(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String text) {
      return 48 + 2L * text.length(); // two bytes a char unless every char is Latin-1
    }
    return 24 + (value instanceof java.math.BigInteger ? 32 : 0);
  }

  /** A filter over row positions with SQL's three values: {@link #TRUE}, {@link #FALSE}, {@link #UNKNOWN}. */
  private interface Test {
    int TRUE = 1;
    int FALSE = 0;
    int UNKNOWN = -1;

    int at(int row);
  }

  /** The filter as a tree of tests over the held columns, evaluated like {@link RowFilters#evaluate}. */
  private static Test compile(Filter filter, Map<String, Column> columns) {
    if (filter instanceof Filter.Compare compare) {
      Column column = columns.get(compare.column());
      Object literal = compare.value();
      Filter.Op op = compare.op();
      Object[] values = column.values();
      // The truth value by the sign of the order, looked up rather than switched on per row.
      int[] bySign = {truth(op, -1), truth(op, 0), truth(op, 1)};
      if (column.longs() != null && (literal instanceof Integer || literal instanceof Long)) {
        long[] longs = column.longs();
        long bound = ((Number) literal).longValue();
        return row -> values[row] == null ? Test.UNKNOWN : bySign[Long.compare(longs[row], bound) + 1];
      }
      return row ->
          values[row] == null ? Test.UNKNOWN : bySign[Integer.signum(RowFilters.compare(values[row], literal)) + 1];
    }
    if (filter instanceof Filter.In in) {
      Column column = columns.get(in.column());
      Object[] values = column.values();
      // A hash lookup where the list's values compare by equality (strings; integers against an integer
      // column); otherwise each value is compared in turn, as RowFilters does.
      if (in.values().stream().allMatch(v -> v instanceof String)) {
        Set<Object> set = new java.util.HashSet<>(in.values());
        return row -> values[row] == null ? Test.UNKNOWN : set.contains(values[row]) ? Test.TRUE : Test.FALSE;
      }
      if (column.longs() != null && in.values().stream().allMatch(v -> v instanceof Integer || v instanceof Long)) {
        long[] longs = column.longs();
        Set<Long> set = new java.util.HashSet<>();
        in.values().forEach(v -> set.add(((Number) v).longValue()));
        return row -> values[row] == null ? Test.UNKNOWN : set.contains(longs[row]) ? Test.TRUE : Test.FALSE;
      }
      return row ->
          values[row] == null ? Test.UNKNOWN : RowFilters.evaluate(in, name -> values[row]) ? Test.TRUE : Test.FALSE;
    }
    if (filter instanceof Filter.IsNull isNull) {
      Object[] values = columns.get(isNull.column()).values();
      return row -> values[row] == null ? Test.TRUE : Test.FALSE;
    }
    if (filter instanceof Filter.And and) {
      Test range = range(and, columns);
      if (range != null) {
        return range;
      }
      Test[] operands = and.operands().stream().map(f -> compile(f, columns)).toArray(Test[]::new);
      return row -> {
        int result = Test.TRUE;
        for (Test operand : operands) {
          int value = operand.at(row);
          if (value == Test.FALSE) {
            return Test.FALSE;
          }
          if (value == Test.UNKNOWN) {
            result = Test.UNKNOWN;
          }
        }
        return result;
      };
    }
    if (filter instanceof Filter.Or or) {
      Test[] operands = or.operands().stream().map(f -> compile(f, columns)).toArray(Test[]::new);
      return row -> {
        int result = Test.FALSE;
        for (Test operand : operands) {
          int value = operand.at(row);
          if (value == Test.TRUE) {
            return Test.TRUE;
          }
          if (value == Test.UNKNOWN) {
            result = Test.UNKNOWN;
          }
        }
        return result;
      };
    }
    if (filter instanceof Filter.Not not) {
      Test operand = compile(not.operand(), columns);
      return row -> {
        int value = operand.at(row);
        return value == Test.UNKNOWN ? Test.UNKNOWN : 1 - value;
      };
    }
    if (filter instanceof Filter.IsNotTrue isNotTrue) {
      Test operand = compile(isNotTrue.operand(), columns);
      return row -> operand.at(row) == Test.TRUE ? Test.FALSE : Test.TRUE;
    }
    throw new IllegalStateException("unknown filter " + filter);
  }

  /**
   * An AND of comparisons of one integer column with integers ({@code age BETWEEN 30 AND 40}) as one range
   * test; null for any other AND. The column's NULL makes every comparison, so the AND, unknown.
   */
  private static Test range(Filter.And and, Map<String, Column> columns) {
    String name = null;
    long low = Long.MIN_VALUE;
    long high = Long.MAX_VALUE;
    for (Filter operand : and.operands()) {
      if (!(operand instanceof Filter.Compare compare)
          || !(compare.value() instanceof Integer || compare.value() instanceof Long)
          || (name != null && !name.equals(compare.column()))
          || columns.get(compare.column()).longs() == null) {
        return null;
      }
      name = compare.column();
      long bound = ((Number) compare.value()).longValue();
      switch (compare.op()) {
        case EQ -> {
          low = Math.max(low, bound);
          high = Math.min(high, bound);
        }
        case GE -> low = Math.max(low, bound);
        case GT -> {
          if (bound == Long.MAX_VALUE) {
            return null;
          }
          low = Math.max(low, bound + 1);
        }
        case LE -> high = Math.min(high, bound);
        case LT -> {
          if (bound == Long.MIN_VALUE) {
            return null;
          }
          high = Math.min(high, bound - 1);
        }
        default -> {
          return null; // NE is not a range
        }
      }
    }
    if (name == null) {
      return null;
    }
    Object[] values = columns.get(name).values();
    long[] longs = columns.get(name).longs();
    long from = low;
    long to = high;
    return row -> values[row] == null ? Test.UNKNOWN : longs[row] >= from && longs[row] <= to ? Test.TRUE : Test.FALSE;
  }

  private static int truth(Filter.Op op, int order) {
    return RowFilters.holds(op, order) ? Test.TRUE : Test.FALSE;
  }

  /** The rows for which the test is TRUE, in scan order, projected; a fresh array per row. */
  private static final class Cursor implements RowCursor {
    private final Test test;
    private final Object[][] columns;
    private final int rows;
    private int position = -1;
    private Object[] row;

    Cursor(Test test, Object[][] columns, int rows) {
      this.test = test;
      this.columns = columns;
      this.rows = rows;
    }

    @Override
    public boolean next() {
      while (++position < rows) {
        if ((position & 4095) == 0) {
          Cancellation.check();
        }
        if (test.at(position) == Test.TRUE) {
          Object[] out = new Object[columns.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = columns[i][position];
          }
          row = out;
          return true;
        }
      }
      position = rows;
      row = null;
      return false;
    }

    @Override
    public Object[] row() {
      if (row == null) {
        throw new IllegalStateException("no current row");
      }
      return row;
    }

    @Override
    public void close() {
      position = rows;
      row = null;
    }
  }
}
