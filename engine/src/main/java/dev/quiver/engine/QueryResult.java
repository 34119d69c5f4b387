package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.view.RowCursor;
import java.util.List;

/**
 * Rows of a read. Values follow the engine's Java value convention (see {@link dev.quiver.engine.view.ReadView}),
 * plus BigDecimal for DECIMAL results. Close it to release the scan.
 */
public final class QueryResult implements Result, AutoCloseable {
  private final List<Column> columns;
  private final RowCursor rows;

  public QueryResult(List<Column> columns, RowCursor rows) {
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.rows = requireNonNull(rows, "rows is null");
  }

  public List<Column> columns() {
    return columns;
  }

  public RowCursor rows() {
    return rows;
  }

  @Override
  public void close() {
    rows.close();
  }
}
