package dev.quiver.engine.catalog;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;

/** A node or edge type: each is stored as one Lance table. */
public sealed interface TableType permits NodeType, EdgeType {

  /** The type name as declared, e.g. {@code Person}. */
  String name();

  TableKind kind();

  /** Declared properties in declaration order (system columns excluded). */
  List<Property> properties();

  List<Constraint> constraints();

  List<Annotation> annotations();

  /** The manifest key of the table: {@code node:Person} or {@code edge:Knows}. */
  default String tableKey() {
    return kind().keyPrefix() + name();
  }

  /** The table's Arrow schema: system columns first, then the properties. */
  default Schema arrowSchema() {
    return ArrowSchemas.schemaOf(this);
  }

  /** The names of the system columns of this kind of table. */
  default List<String> systemColumns() {
    return kind().systemColumns();
  }

  default Optional<Property> property(String name) {
    for (Property property : properties()) {
      if (property.name().equals(name)) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }
}
