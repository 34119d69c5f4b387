package dev.quiver.jdbc.rows;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSetMetaData;
import java.sql.Types;

/**
 * One column of a result set as {@link ResultSetMetaData} describes it.
 *
 * @param name the column name and label
 * @param sqlType a {@link Types} constant
 * @param typeName the SQL type name, e.g. {@code VARCHAR}
 * @param nullable a {@code ResultSetMetaData.column*} nullability constant
 * @param precision the column size (characters for text, digits for numbers), 0 when not applicable
 * @param scale digits after the decimal point
 * @param className the Java class {@code getObject} returns
 */
public record Column(String name, int sqlType, String typeName, int nullable, int precision, int scale, String className) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(typeName, "typeName is null");
    requireNonNull(className, "className is null");
  }

  public static Column varchar(String name, boolean nullable) {
    return new Column(name, Types.VARCHAR, "VARCHAR", nullability(nullable), Integer.MAX_VALUE, 0, String.class.getName());
  }

  public static Column integer(String name, boolean nullable) {
    return new Column(name, Types.INTEGER, "INTEGER", nullability(nullable), 10, 0, Integer.class.getName());
  }

  public static Column smallint(String name, boolean nullable) {
    return new Column(name, Types.SMALLINT, "SMALLINT", nullability(nullable), 5, 0, Short.class.getName());
  }

  public static Column bigint(String name, boolean nullable) {
    return new Column(name, Types.BIGINT, "BIGINT", nullability(nullable), 19, 0, Long.class.getName());
  }

  public static Column bool(String name, boolean nullable) {
    return new Column(name, Types.BOOLEAN, "BOOLEAN", nullability(nullable), 1, 0, Boolean.class.getName());
  }

  private static int nullability(boolean nullable) {
    return nullable ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
  }
}
