package dev.quiver.jdbc.rows;

import java.sql.Types;
import java.util.Locale;

/**
 * Describes an engine result column ({@link dev.quiver.engine.Column}) for {@code ResultSetMetaData}: the SQL type
 * name maps to its JDBC type through {@link SqlType}, so result sets and {@code getColumns} agree; the engine's
 * precision and scale win when it gives them.
 */
final class ResultColumns {
  private ResultColumns() {}

  static Column of(dev.quiver.engine.Column column) {
    String name = column.typeName().toUpperCase(Locale.ROOT).trim();
    SqlType type = type(name);
    int precision = column.precision() > 0 ? column.precision() : type.columnSize();
    int scale = column.precision() > 0 ? column.scale() : (type.decimalDigits() == null ? 0 : type.decimalDigits());
    String typeName = type.jdbcType() == Types.ARRAY || type.jdbcType() == Types.OTHER ? name : type.name();
    return new Column(
        column.label(),
        type.jdbcType(),
        typeName,
        column.nullable() ? java.sql.ResultSetMetaData.columnNullable : java.sql.ResultSetMetaData.columnNoNulls,
        precision,
        scale,
        type.className());
  }

  /** The element type name of an array type name ({@code INTEGER ARRAY} → {@code INTEGER}), else "". */
  static String elementTypeName(String typeName) {
    String name = typeName.toUpperCase(Locale.ROOT).trim();
    return name.endsWith(" ARRAY") ? name.substring(0, name.length() - " ARRAY".length()).trim() : "";
  }

  private static SqlType type(String name) {
    if (name.equals("ARRAY") || name.endsWith(" ARRAY")) {
      return SqlType.ARRAY;
    }
    String base = name.contains("(") ? name.substring(0, name.indexOf('(')).trim() : name;
    for (SqlType type : SqlType.all()) {
      if (type.name().equals(base)) {
        return type;
      }
    }
    switch (base) {
      case "CHAR":
      case "CHARACTER":
      case "VARCHAR":
        return SqlType.VARCHAR;
      case "NUMERIC":
      case "DECIMAL":
        return SqlType.DECIMAL_20;
      case "FLOAT":
        return SqlType.DOUBLE;
      case "SMALLINT":
        return new SqlType(Types.SMALLINT, "SMALLINT", 5, 0, Short.class.getName());
      case "TINYINT":
        return new SqlType(Types.TINYINT, "TINYINT", 3, 0, Byte.class.getName());
      case "BINARY":
        return SqlType.VARBINARY;
      case "NULL":
        return new SqlType(Types.NULL, "NULL", 0, null, Object.class.getName());
      default:
        return new SqlType(Types.OTHER, base, 0, null, Object.class.getName());
    }
  }
}
