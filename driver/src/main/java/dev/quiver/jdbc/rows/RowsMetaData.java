package dev.quiver.jdbc.rows;

import static java.util.Objects.requireNonNull;

import dev.quiver.jdbc.errors.SqlStates;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** {@link ResultSetMetaData} over a fixed list of {@link Column}s. Every column is read-only. */
public final class RowsMetaData implements ResultSetMetaData {
  private final List<Column> columns;
  private final String schemaName;
  private final String tableName;

  public RowsMetaData(List<Column> columns, String schemaName, String tableName) {
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.schemaName = requireNonNull(schemaName, "schemaName is null");
    this.tableName = requireNonNull(tableName, "tableName is null");
  }

  public RowsMetaData(List<Column> columns) {
    this(columns, "", "");
  }

  public List<Column> columns() {
    return columns;
  }

  private Column column(int column) throws SQLException {
    if (column < 1 || column > columns.size()) {
      throw SqlStates.create(
          "column index " + column + " is out of range 1.." + columns.size(), SqlStates.INVALID_PARAMETER, null);
    }
    return columns.get(column - 1);
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    int type = column(column).sqlType();
    return type == Types.VARCHAR || type == Types.CHAR;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    column(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return column(column).nullable();
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    switch (column(column).sqlType()) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    Column c = column(column);
    return c.precision() > 0 ? Math.min(c.precision(), 1 << 16) : 16;
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    column(column);
    return schemaName;
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return column(column).precision();
  }

  @Override
  public int getScale(int column) throws SQLException {
    return column(column).scale();
  }

  @Override
  public String getTableName(int column) throws SQLException {
    column(column);
    return tableName;
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    column(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return column(column).sqlType();
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return column(column).typeName();
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    column(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return column(column).className();
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
