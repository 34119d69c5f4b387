package dev.quiver.engine.tx;

import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.view.CommittedView;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import dev.quiver.engine.view.RowFilters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A transaction's view of a table: the committed rows of its pinned snapshot ({@link CommittedView}, the
 * filter pushed into Lance), minus rows the transaction rewrote or deleted, plus its pending rows that pass the
 * same filter (evaluated by {@link RowFilters} with the same three-valued logic). So the newest write of an id
 * wins (invariant 7), and SQL reads, mutation predicates and validation share one filter semantics.
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
    if (pending == null || pending.isEmpty()) {
      return CommittedView.of(transaction.store(), snapshot).scan(tableKey, columns, filter);
    }
    List<String> scanned = new ArrayList<>(columns);
    int idIndex = scanned.indexOf("id");
    if (idIndex < 0) {
      scanned.add("id");
      idIndex = scanned.size() - 1;
    }
    RowCursor committed =
        CommittedView.of(transaction.store(), snapshot).scan(tableKey, scanned, filter);
    return new OverlayCursor(committed, scanned, columns.size(), idIndex, pending, filter);
  }

  /** The committed lists, when this transaction has no pending writes on the table (else: scan and overlay). */
  @Override
  public java.util.Optional<dev.quiver.engine.view.AdjacencyCache.Adjacency> adjacency(
      String tableKey, String from, String to) {
    Snapshot snapshot = transaction.snapshot();
    transaction.recordRead(tableKey);
    PendingTable pending = transaction.pendingTable(tableKey);
    if (pending != null && !pending.isEmpty()) {
      return java.util.Optional.empty();
    }
    return CommittedView.of(transaction.store(), snapshot).adjacency(tableKey, from, to);
  }

  private static final class OverlayCursor implements RowCursor {
    private final RowCursor committed;
    private final List<String> scanned;
    private final int width;
    private final int idIndex;
    private final PendingTable pending;
    private final Iterator<Map<String, Object>> pendingRows;
    private final Filter filter;
    private boolean committedDone;
    private Object[] row;

    OverlayCursor(
        RowCursor committed, List<String> scanned, int width, int idIndex, PendingTable pending, Filter filter) {
      this.committed = committed;
      this.scanned = scanned;
      this.width = width;
      this.idIndex = idIndex;
      this.pending = pending;
      // A lookup of one id reads that pending row, not every pending row (a text of 1,000 keyed updates
      // would otherwise test the filter 500,000 times).
      java.util.List<String> ids = Filter.pointIds(filter);
      if (ids != null && ids.size() == 1) {
        Map<String, Object> only = pending.rows.get(ids.get(0));
        this.pendingRows = only == null ? java.util.Collections.emptyIterator() : java.util.List.of(only).iterator();
      } else {
        this.pendingRows = pending.rows.values().iterator();
      }
      this.filter = filter;
    }

    @Override
    public boolean next() {
      while (!committedDone) {
        if (!committed.next()) {
          committedDone = true;
          committed.close();
          break;
        }
        Object[] candidate = committed.row();
        if (!pending.shadows((String) candidate[idIndex])) {
          row = width == candidate.length ? candidate : java.util.Arrays.copyOf(candidate, width);
          return true;
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
      committed.close();
    }
  }
}
