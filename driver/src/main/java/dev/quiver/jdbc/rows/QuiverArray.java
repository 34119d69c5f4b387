package dev.quiver.jdbc.rows;

import static java.util.Objects.requireNonNull;

import dev.quiver.jdbc.errors.SqlStates;
import java.sql.Array;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A list or vector value as a {@link java.sql.Array}: {@code getArray()} returns an {@code Object[]} of JDBC
 * values (a vector's elements are {@code Float}s), {@code getResultSet()} the rows {@code INDEX}, {@code VALUE}.
 */
final class QuiverArray implements Array {
  private final String baseTypeName;
  private final int baseType;
  private Object[] elements;

  private QuiverArray(String baseTypeName, int baseType, Object[] elements) {
    this.baseTypeName = requireNonNull(baseTypeName, "baseTypeName is null");
    this.baseType = baseType;
    this.elements = elements;
  }

  /** An engine list or float[] with elements converted to JDBC values; {@code elementType} may be "". */
  static QuiverArray of(Object value, String elementType) {
    Object[] elements;
    if (value instanceof float[]) {
      float[] floats = (float[]) value;
      elements = new Object[floats.length];
      for (int i = 0; i < floats.length; i++) {
        elements[i] = floats[i];
      }
      return new QuiverArray("REAL", Types.REAL, elements);
    }
    List<?> list = (List<?>) value;
    elements = new Object[list.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = QuiverResultSet.toJdbc(list.get(i), "");
    }
    String name = elementType.isEmpty() ? inferName(elements) : elementType;
    return new QuiverArray(name, jdbcType(name), elements);
  }

  private static String inferName(Object[] elements) {
    for (Object element : elements) {
      if (element != null) {
        return nameOf(element);
      }
    }
    return "NULL";
  }

  private static String nameOf(Object element) {
    if (element instanceof String) {
      return "VARCHAR";
    }
    if (element instanceof Boolean) {
      return "BOOLEAN";
    }
    if (element instanceof Integer) {
      return "INTEGER";
    }
    if (element instanceof Long) {
      return "BIGINT";
    }
    if (element instanceof java.math.BigDecimal) {
      return "DECIMAL";
    }
    if (element instanceof Float) {
      return "REAL";
    }
    if (element instanceof Double) {
      return "DOUBLE";
    }
    if (element instanceof java.sql.Date) {
      return "DATE";
    }
    if (element instanceof java.sql.Timestamp) {
      return "TIMESTAMP";
    }
    if (element instanceof byte[]) {
      return "VARBINARY";
    }
    return "OTHER";
  }

  private static int jdbcType(String name) {
    try {
      return JDBCType.valueOf(name).getVendorTypeNumber();
    } catch (IllegalArgumentException e) {
      return Types.OTHER;
    }
  }

  private Object[] elements() throws SQLException {
    if (elements == null) {
      throw SqlStates.create("array has been freed", "22000", null);
    }
    return elements;
  }

  @Override
  public String getBaseTypeName() throws SQLException {
    elements();
    return baseTypeName;
  }

  @Override
  public int getBaseType() throws SQLException {
    elements();
    return baseType;
  }

  @Override
  public Object getArray() throws SQLException {
    return elements().clone();
  }

  @Override
  public Object getArray(Map<String, Class<?>> map) throws SQLException {
    return getArray();
  }

  @Override
  public Object getArray(long index, int count) throws SQLException {
    Object[] all = elements();
    if (index < 1 || count < 0 || index - 1 + count > all.length) {
      throw SqlStates.create(
          "array slice " + index + "+" + count + " is out of range 1.." + all.length, SqlStates.INVALID_PARAMETER, null);
    }
    return Arrays.copyOfRange(all, (int) index - 1, (int) index - 1 + count);
  }

  @Override
  public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
    return getArray(index, count);
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return getResultSet(1, elements().length);
  }

  @Override
  public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
    return getResultSet();
  }

  @Override
  public ResultSet getResultSet(long index, int count) throws SQLException {
    Object[] slice = (Object[]) getArray(index, count);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < slice.length; i++) {
      rows.add(Arrays.asList((Object) (int) (index + i), slice[i]));
    }
    Column value = new Column("VALUE", baseType, baseTypeName, java.sql.ResultSetMetaData.columnNullable, 0, 0, Object.class.getName());
    return new ListResultSet(List.of(Column.integer("INDEX", false), value), rows);
  }

  @Override
  public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
    return getResultSet(index, count);
  }

  @Override
  public void free() {
    elements = null;
  }

  @Override
  public String toString() {
    return elements == null ? "[freed]" : Arrays.toString(elements);
  }
}
