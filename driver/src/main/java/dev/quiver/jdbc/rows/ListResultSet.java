package dev.quiver.jdbc.rows;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A result set over rows held in memory: what {@code DatabaseMetaData} calls return. Rows are copied and may
 * hold nulls.
 */
public final class ListResultSet extends ValueResultSet {
  private final List<List<Object>> rows;
  private int position; // 0 before the first row, rows.size() + 1 after the last

  public ListResultSet(Statement statement, RowsMetaData metaData, List<List<Object>> rows) {
    super(statement, metaData);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : requireNonNull(rows, "rows is null")) {
      if (row.size() != metaData.getColumnCount()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " values but the result set has " + metaData.getColumnCount() + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    this.rows = Collections.unmodifiableList(copy);
  }

  public ListResultSet(List<Column> columns, List<List<Object>> rows) {
    this(null, new RowsMetaData(columns), rows);
  }

  @Override
  protected Object value(int column) {
    return rows.get(position - 1).get(column - 1);
  }

  @Override
  protected boolean onRow() {
    return position >= 1 && position <= rows.size();
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (position <= rows.size()) {
      position++;
    }
    return onRow();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return position == 0 && !rows.isEmpty();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return position > rows.size() && !rows.isEmpty();
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return position == 1 && !rows.isEmpty();
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return position == rows.size() && !rows.isEmpty();
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return onRow() ? position : 0;
  }
}
