package dev.quiver.engine.view;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.storage.TableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Version-pinned id → row cache for point lookups ({@code id = v}, {@code id IN (…)}), shared by every
 * connection of a graph. Keyed by (table, Lance version): a Lance version never changes, so an entry is never
 * stale and a commit invalidates it simply by pinning a new version. An entry holds every column of every
 * row of one table version, in scan order; it is built by one full scan once a version has been asked
 * {@link #BUILD_AFTER_PROPERTY} point lookups (so a version read once after each commit never pays for a
 * build), evicted least-recently-used, and bounded by {@link #BOUND_PROPERTY} bytes (estimated): a table version
 * larger than the bound is remembered as too large and always scanned. Thread-safe.
 *
 * <p>This process's own commits carry an entry forward ({@link #advance}): the commit knows exactly which ids
 * it removed and which rows it appended, so the entry of the version it committed on becomes the entry of the
 * version it published, without a scan. Without that, every small commit would leave the next lookups cold
 * (a new version, built only after {@link #BUILD_AFTER_PROPERTY} lookups), and the endpoint and key checks of
 * a stream of small transactions would each scan the table. An entry is mutated only under the cache's lock,
 * and a lookup reads it under the same lock after checking it is still the entry of its version.
 */
public final class RowCache {
  /** System property: the bound in bytes (default 256 MiB; 0 disables the cache). */
  public static final String BOUND_PROPERTY = "quiver.rowCache.maxBytes";
  /** System property: point lookups of one table version before its entry is built (default 4). */
  public static final String BUILD_AFTER_PROPERTY = "quiver.rowCache.buildAfter";
  static final long DEFAULT_BOUND = 256L << 20;

  private record Key(String tableKey, long version) {}

  /** A cached row and its place in scan order. */
  private record Row(long order, Object[] values) {}

  /**
   * One table version's rows by id, or a marker that it is too large to cache ({@code rows == null}). Mutated
   * only by {@link #advance}, holding the cache's lock.
   */
  private static final class Entry {
    final List<String> columns;
    final Map<String, Row> rows;
    long bytes;
    long nextOrder;

    Entry(List<String> columns, Map<String, Row> rows, long bytes) {
      this.columns = columns;
      this.rows = rows;
      this.bytes = bytes;
      this.nextOrder = rows == null ? 0 : rows.size();
    }
  }

  private final VersionedEntries<Key, Entry> entries;

  public RowCache(long maxBytes, int buildAfter) {
    this.entries = new VersionedEntries<>(maxBytes, buildAfter, entry -> entry.bytes);
  }

  /** A cache configured by the system properties. */
  public static RowCache configured() {
    return new RowCache(
        Long.getLong(BOUND_PROPERTY, DEFAULT_BOUND), Integer.getInteger(BUILD_AFTER_PROPERTY, 4));
  }

  public long maxBytes() {
    return entries.maxBytes();
  }

  /** The estimated bytes held now (never above {@link #maxBytes()}). */
  public long usedBytes() {
    return entries.usedBytes();
  }

  /** Table versions held (too-large markers included). */
  public int size() {
    return entries.size();
  }

  /**
   * The rows a Lance scan with this filter would return, from the cache; null when the filter is not a point
   * lookup on {@code id}, the version is not (yet) cached, or it is too large to cache.
   */
  RowCursor lookup(TableStore tables, String tableKey, long version, List<String> columns, Filter filter) {
    List<String> ids = Filter.pointIds(filter);
    if (ids == null || entries.maxBytes() == 0) {
      return null;
    }
    Key key = new Key(tableKey, version);
    Entry entry = entries.get(key, k -> build(tables, k));
    if (entry == null || entry.rows == null) {
      return null;
    }
    synchronized (entries) {
      if (entries.peek(key) != entry) {
        return null; // carried forward to a newer version (or evicted) meanwhile: scan
      }
      int[] projection = new int[columns.size()];
      for (int i = 0; i < projection.length; i++) {
        projection[i] = entry.columns.indexOf(columns.get(i));
        if (projection[i] < 0) {
          return null; // not a column of this version: let the scan report it
        }
      }
      List<Row> hits = new ArrayList<>(ids.size());
      for (String id : ids) {
        Row row = entry.rows.get(id);
        if (row != null && !hits.contains(row)) {
          hits.add(row);
        }
      }
      hits.sort(java.util.Comparator.comparingLong(Row::order)); // scan order
      List<Object[]> out = new ArrayList<>(hits.size());
      for (Row row : hits) {
        Object[] projected = new Object[projection.length];
        for (int i = 0; i < projection.length; i++) {
          projected[i] = copy(row.values()[projection[i]]);
        }
        out.add(projected);
      }
      return RowCursor.of(out);
    }
  }

  /**
   * Whether any of {@code ids} is a row of the table version: null when the version is not cached (nothing
   * is built or counted for this question).
   */
  public Boolean containsAny(String tableKey, long version, java.util.Collection<String> ids) {
    synchronized (entries) {
      Entry entry = entries.peek(new Key(tableKey, version));
      if (entry == null || entry.rows == null) {
        return null;
      }
      for (String id : ids) {
        if (entry.rows.containsKey(id)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Whether the table version's rows are cached (so a commit on it can {@link #advance} them). */
  public boolean holds(String tableKey, long version) {
    Entry entry = entries.peek(new Key(tableKey, version));
    return entry != null && entry.rows != null;
  }

  /**
   * Carries the entry of version {@code from} forward to version {@code to}, for a commit of this process
   * that went from one to the other: the rows of {@code removed} ids go (deleted or replaced), then {@code
   * appended} rows (in {@code columns} order, as {@link #rowsOf} reads them) come after every other row, as
   * Lance places an Append's or Update's new fragments after the old ones. When {@code from} is not cached
   * (or {@code appended} is null: the commit did not read its rows), only its lookup count moves on; the
   * entry is dropped when the columns differ or it outgrows the bound.
   */
  public void advance(
      String tableKey, long from, long to, java.util.Collection<String> removed, List<String> columns, List<Object[]> appended) {
    synchronized (entries) {
      Key fromKey = new Key(tableKey, from);
      Entry entry = entries.peek(fromKey);
      if (entry == null || entry.rows == null || appended == null) {
        // Nothing to carry, but the lookups this version had count toward building the next one: a stream
        // of small commits, each version looked up once or twice, still gets its entry built.
        if (entry == null) {
          entries.moveDemand(fromKey, new Key(tableKey, to));
        }
        return;
      }
      entries.remove(fromKey); // changed below, then held again under the new version
      int idColumn = entry.columns.indexOf("id");
      if (!appended.isEmpty() && !entry.columns.equals(columns)) {
        return; // the table's schema moved: build the new version from a scan when asked
      }
      for (String id : removed) {
        Row gone = entry.rows.remove(id);
        if (gone != null) {
          entry.bytes -= estimate(gone.values());
        }
      }
      for (Object[] values : appended) {
        if (!(values[idColumn] instanceof String id)) {
          return;
        }
        Row replaced = entry.rows.put(id, new Row(entry.nextOrder++, values));
        if (replaced != null) {
          entry.bytes -= estimate(replaced.values());
        }
        entry.bytes += estimate(values);
      }
      if (entry.bytes <= entries.maxBytes()) {
        entries.put(new Key(tableKey, to), entry);
      }
    }
  }

  /** The rows of a batch as this cache holds them: one array per row, columns in schema order. */
  public static List<Object[]> rowsOf(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    List<Object[]> rows = new ArrayList<>(batch.getRowCount());
    for (int r = 0; r < batch.getRowCount(); r++) {
      Object[] row = new Object[vectors.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = ArrowValues.get(vectors.get(c), r);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The column names of a batch, in schema order. */
  public static List<String> columnsOf(VectorSchemaRoot batch) {
    return batch.getSchema().getFields().stream().map(Field::getName).toList();
  }

  private Entry build(TableStore tables, Key key) {
    List<String> columns = null;
    Map<String, Row> rows = new HashMap<>();
    long bytes = 64;
    try (TableScan scan = tables.openScan(key.tableKey(), key.version(), null, null)) {
      while (scan.next()) {
        VectorSchemaRoot batch = scan.batch();
        if (columns == null) {
          columns = columnsOf(batch);
        }
        int idColumn = columns.indexOf("id");
        if (idColumn < 0) {
          return tooLarge(columns);
        }
        for (Object[] row : rowsOf(batch)) {
          bytes += estimate(row);
          if (bytes > entries.maxBytes() || !(row[idColumn] instanceof String id) || rows.put(id, new Row(rows.size(), row)) != null) {
            return tooLarge(columns); // over the bound, or ids not unique strings: never serve from here
          }
        }
      }
    }
    return new Entry(columns == null ? List.of() : columns, rows, bytes);
  }

  private static Entry tooLarge(List<String> columns) {
    return new Entry(columns, null, 64);
  }

  /** A rough upper estimate of a row's heap footprint: array, boxed values, strings, map slot. */
  static long estimate(Object[] row) {
    long bytes = 16 + 8L * row.length + 64; // the array, and its id-map entry plus list slot
    for (Object value : row) {
      if (value == null) {
        continue;
      }
      if (value instanceof String text) {
        bytes += 48 + 2L * text.length();
      } else if (value instanceof byte[] blob) {
        bytes += 16 + blob.length;
      } else if (value instanceof float[] vector) {
        bytes += 16 + 4L * vector.length;
      } else if (value instanceof List<?> list) {
        bytes += 40 + 32L * list.size();
      } else {
        bytes += 32;
      }
    }
    return bytes;
  }

  private static Object copy(Object value) {
    if (value instanceof byte[] blob) {
      return blob.clone();
    }
    if (value instanceof float[] vector) {
      return vector.clone();
    }
    return value;
  }

}
