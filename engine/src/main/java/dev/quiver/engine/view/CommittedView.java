package dev.quiver.engine.view;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Cancellation;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.storage.TableStore;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The committed rows of one published graph version: each table is read at the Lance version the snapshot
 * pins (never HEAD, invariant 2), so a view keeps returning the same rows however many commits follow.
 * Scans stream batch by batch. Thread-safe: each scan is independent.
 */
public final class CommittedView implements ReadView {
  private final TableStore tables;
  private final Snapshot snapshot;
  private final RowCache rowCache;
  private final AdjacencyCache adjacencyCache;
  private final ColumnCache columnCache;

  /** A view that always scans Lance (no caches). */
  public CommittedView(TableStore tables, Snapshot snapshot) {
    this(tables, snapshot, null);
  }

  /** A view that answers point lookups on {@code id} from {@code rowCache} when it can (null: always scan). */
  public CommittedView(TableStore tables, Snapshot snapshot, RowCache rowCache) {
    this(tables, snapshot, rowCache, null);
  }

  /** A view with a row cache and an adjacency cache (either null: scan instead). */
  public CommittedView(TableStore tables, Snapshot snapshot, RowCache rowCache, AdjacencyCache adjacencyCache) {
    this(tables, snapshot, rowCache, adjacencyCache, null);
  }

  /** A view with every cache (any null: scan instead). */
  public CommittedView(
      TableStore tables, Snapshot snapshot, RowCache rowCache, AdjacencyCache adjacencyCache, ColumnCache columnCache) {
    this.tables = requireNonNull(tables, "tables is null");
    this.snapshot = requireNonNull(snapshot, "snapshot is null");
    this.rowCache = rowCache;
    this.adjacencyCache = adjacencyCache;
    this.columnCache = columnCache;
  }

  @Override
  public java.util.Optional<AdjacencyCache.Adjacency> adjacency(String tableKey, String from, String to) {
    if (adjacencyCache == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(
        adjacencyCache.lookup(tables, tableKey, snapshot.tableVersion(tableKey), from, to));
  }

  /** A view of a store's latest published version, with the store's row cache. */
  public static CommittedView latest(GraphStore store) {
    return of(store, store.snapshot());
  }

  /** A view of a snapshot of a store, with the store's row cache. */
  public static CommittedView of(GraphStore store, Snapshot snapshot) {
    return new CommittedView(
        store.tableStore(), snapshot, store.rowCache(), store.adjacencyCache(), store.columnCache());
  }

  @Override
  public Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public RowCursor scan(String tableKey, List<String> columns, Filter filter) {
    requireNonNull(tableKey, "tableKey is null");
    List<String> wanted = List.copyOf(requireNonNull(columns, "columns is null"));
    long version = snapshot.tableVersion(tableKey);
    if (rowCache != null && filter != null) {
      RowCursor cached = rowCache.lookup(tables, tableKey, version, wanted, filter);
      if (cached != null) {
        return cached;
      }
    }
    if (columnCache != null && filter != null && Filter.pointIds(filter) == null && cacheable(tableKey, wanted, filter)) {
      RowCursor cached = columnCache.scan(tables, tableKey, version, wanted, filter);
      if (cached != null) {
        return cached;
      }
    }
    return new ScanCursor(tables.openScan(tableKey, version, wanted, filter), wanted);
  }

  /** Whether every column the scan reads holds immutable scalars (what {@link ColumnCache} may hold). */
  private boolean cacheable(String tableKey, List<String> columns, Filter filter) {
    java.util.Optional<dev.quiver.engine.catalog.TableType> type = snapshot.catalog().table(tableKey);
    if (type.isEmpty()) {
      return false;
    }
    java.util.Set<String> names = new java.util.LinkedHashSet<>(columns);
    names.addAll(Filter.columnsOf(filter));
    for (String name : names) {
      if (type.get().systemColumns().contains(name)) {
        continue;
      }
      java.util.Optional<dev.quiver.engine.catalog.Property> property = type.get().property(name);
      if (property.isEmpty()) {
        return false; // let the scan report it
      }
      if (!property.get().type().isOrderedValue()) {
        return false;
      }
    }
    return true;
  }

  /** Walks the rows of one batch at a time; the scan (and its current batch) is released on close. */
  private static final class ScanCursor implements RowCursor {
    private final TableScan scan;
    private final List<String> columns;
    private FieldVector[] vectors;
    private int rowCount;
    private int position;
    private Object[] row;
    private boolean done;

    ScanCursor(TableScan scan, List<String> columns) {
      this.scan = scan;
      this.columns = columns;
    }

    @Override
    public boolean next() {
      while (!done) {
        if (vectors != null && position + 1 < rowCount) {
          position++;
          if ((position & 1023) == 0) {
            Cancellation.check();
          }
          row = read(position);
          return true;
        }
        Cancellation.check();
        if (!scan.next()) {
          close();
          return false;
        }
        VectorSchemaRoot batch = scan.batch();
        vectors = new FieldVector[columns.size()];
        for (int i = 0; i < vectors.length; i++) {
          vectors[i] = batch.getVector(columns.get(i));
        }
        rowCount = batch.getRowCount();
        position = -1;
      }
      return false;
    }

    private Object[] read(int index) {
      Object[] values = new Object[vectors.length];
      for (int i = 0; i < vectors.length; i++) {
        values[i] = ArrowValues.get(vectors[i], index);
      }
      return values;
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
      if (!done) {
        done = true;
        vectors = null;
        row = null;
        scan.close();
      }
    }
  }
}
