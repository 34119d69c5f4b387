package dev.quiver.engine.tx;

import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A transaction's view of a table: committed rows at the pinned snapshot (the filter pushed into Lance),
 * minus rows the transaction rewrote or deleted, plus its pending rows that pass the same filter (evaluated
 * by {@link RowFilters} with the same three-valued logic). So the newest write of an id wins (invariant 7).
 */
final class TransactionView implements ReadView {
  private final Transaction transaction;

  TransactionView(Transaction transaction) {
    this.transaction = transaction;
  }

  @Override
  public Snapshot snapshot() {
    return transaction.snapshot();
  }

  @Override
  public RowCursor scan(String tableKey, List<String> columns, Filter filter) {
    Snapshot snapshot = transaction.snapshot();
    transaction.recordRead(tableKey);
    PendingTable pending = transaction.pendingTable(tableKey);
    List<String> scanned = new ArrayList<>(columns);
    int idIndex = scanned.indexOf("id");
    if (idIndex < 0) {
      scanned.add("id");
      idIndex = scanned.size() - 1;
    }
    TableScan scan =
        transaction.store().tableStore().openScan(tableKey, snapshot.tableVersion(tableKey), scanned, filter);
    return new OverlayCursor(scan, scanned, columns.size(), idIndex, pending, filter);
  }

  private static final class OverlayCursor implements RowCursor {
    private final TableScan scan;
    private final List<String> scanned;
    private final int width;
    private final int idIndex;
    private final PendingTable pending;
    private final Iterator<Map<String, Object>> pendingRows;
    private final Filter filter;
    private FieldVector[] vectors;
    private int batchRow;
    private int batchSize;
    private boolean committedDone;
    private Object[] row;

    OverlayCursor(TableScan scan, List<String> scanned, int width, int idIndex, PendingTable pending, Filter filter) {
      this.scan = scan;
      this.scanned = scanned;
      this.width = width;
      this.idIndex = idIndex;
      this.pending = pending;
      this.pendingRows = pending == null ? java.util.Collections.emptyIterator() : pending.rows.values().iterator();
      this.filter = filter;
    }

    @Override
    public boolean next() {
      while (!committedDone) {
        if (vectors != null && batchRow < batchSize) {
          int i = batchRow++;
          String id = (String) ArrowRows.get(vectors[idIndex], i);
          if (pending != null && pending.shadows(id)) {
            continue;
          }
          row = new Object[width];
          for (int c = 0; c < width; c++) {
            row[c] = ArrowRows.get(vectors[c], i);
          }
          return true;
        }
        if (scan.next()) {
          VectorSchemaRoot batch = scan.batch();
          vectors = new FieldVector[scanned.size()];
          for (int c = 0; c < scanned.size(); c++) {
            vectors[c] = batch.getVector(scanned.get(c));
          }
          batchRow = 0;
          batchSize = batch.getRowCount();
        } else {
          committedDone = true;
          scan.close();
        }
      }
      while (pendingRows.hasNext()) {
        Map<String, Object> candidate = pendingRows.next();
        if (RowFilters.matches(filter, candidate::get)) {
          row = new Object[width];
          for (int c = 0; c < width; c++) {
            row[c] = candidate.get(scanned.get(c));
          }
          return true;
        }
      }
      return false;
    }

    @Override
    public Object[] row() {
      return row;
    }

    @Override
    public void close() {
      scan.close();
    }
  }
}
