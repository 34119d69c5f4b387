package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

/**
 * A column of a query result.
 *
 * @param label the column label (alias, or the column or property name)
 * @param typeName the SQL type name: VARCHAR, BOOLEAN, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, DATE, TIMESTAMP,
 *     VARBINARY, ARRAY…
 * @param precision the precision (0 when not applicable)
 * @param scale the scale (0 when not applicable)
 * @param nullable whether the column may hold NULL
 */
public record Column(String label, String typeName, int precision, int scale, boolean nullable) {
  public Column {
    requireNonNull(label, "label is null");
    requireNonNull(typeName, "typeName is null");
  }
}
