package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A node or edge type as a SQL table. A scan reads the {@link ReadView} the statement runs against (taken from
 * the {@link DataContext}, so one plan serves every view), pushing the filters {@link FilterTranslator} can
 * render exactly and reading only the projected columns. Immutable, so plans can be cached.
 */
final class GraphTable extends AbstractTable implements ProjectableFilterableTable {
  private final TableType type;
  private final List<TableColumn> columns;

  GraphTable(TableType type) {
    this.type = requireNonNull(type, "type is null");
    this.columns = TableColumn.of(type);
  }

  TableType type() {
    return type;
  }

  List<TableColumn> columns() {
    return columns;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (TableColumn column : columns) {
      builder.add(column.name(), SqlTypes.of(typeFactory, column.asProperty()));
    }
    return builder.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    ReadView view = QueryContext.view(root);
    FilterTranslator.Pushdown pushdown = new FilterTranslator(columns, FilterTranslator.runtime(root)).translate(filters);
    // Calcite re-applies whatever stays in the list; only what was rendered exactly is removed.
    filters.removeAll(pushdown.consumed());
    int[] indexes = projects == null ? allColumns() : projects;
    List<String> names = new ArrayList<>(indexes.length);
    for (int index : indexes) {
      names.add(columns.get(index).name());
    }
    Filter filter = pushdown.filter();
    String tableKey = type.tableKey();
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new CursorEnumerator(view, tableKey, names, filter);
      }
    };
  }

  private int[] allColumns() {
    int[] all = new int[columns.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /**
   * Streams a view scan as Calcite rows: values converted to Calcite's internal representation, a fresh array
   * per row (joins and sorts keep rows). The scan opens on the first move and closes at the end or on close.
   */
  private static final class CursorEnumerator implements Enumerator<Object[]> {
    private final ReadView view;
    private final String tableKey;
    private final List<String> names;
    private final Filter filter;
    private RowCursor cursor;
    private Object[] current;

    CursorEnumerator(ReadView view, String tableKey, List<String> names, Filter filter) {
      this.view = view;
      this.tableKey = tableKey;
      this.names = names;
      this.filter = filter;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (cursor == null) {
        // COUNT(*) projects nothing; a scan still needs one column to count rows by.
        cursor = view.scan(tableKey, names.isEmpty() ? List.of("id") : names, filter);
      }
      if (!cursor.next()) {
        current = null;
        return false;
      }
      Object[] row = cursor.row();
      Object[] out = new Object[names.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = SqlTypes.toInternal(row[i]);
      }
      current = out;
      return true;
    }

    @Override
    public void reset() {
      close();
    }

    @Override
    public void close() {
      if (cursor != null) {
        RowCursor open = cursor;
        cursor = null;
        open.close();
      }
    }
  }
}
