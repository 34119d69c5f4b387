package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.catalog.TableType;
import java.util.ArrayList;
import java.util.List;

/**
 * A column of a node or edge table as SQL sees it: system columns ({@code id}, and {@code src}, {@code dst}
 * for edges; VARCHAR NOT NULL) first, then the properties in declaration order.
 *
 * @param name the column name as stored
 * @param type the property type (system columns are {@code String})
 * @param nullable whether it may hold NULL
 */
record TableColumn(String name, PropertyType type, boolean nullable) {
  TableColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  static List<TableColumn> of(TableType table) {
    List<TableColumn> columns = new ArrayList<>();
    for (String system : table.systemColumns()) {
      columns.add(new TableColumn(system, new PropertyType.Scalar(ScalarKind.STRING), false));
    }
    for (Property property : table.properties()) {
      columns.add(new TableColumn(property.name(), property.type(), property.nullable()));
    }
    return List.copyOf(columns);
  }

  /** The base type when the column holds a scalar; an enum reads as STRING; null for lists and vectors. */
  ScalarKind scalarKind() {
    if (type instanceof PropertyType.Scalar scalar) {
      return scalar.kind();
    }
    if (type instanceof PropertyType.EnumOf) {
      return ScalarKind.STRING;
    }
    return null;
  }

  Property asProperty() {
    return new Property(name, type, nullable);
  }
}
