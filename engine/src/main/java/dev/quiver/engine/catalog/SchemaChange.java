package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One additive step from an accepted schema to a desired one, as {@link SchemaChanges#plan} lists them. Each
 * step either creates a table, adds a nullable column, or changes metadata only.
 */
public sealed interface SchemaChange {

  /** A new node type: a new, empty table. */
  record AddNodeType(NodeType type) implements SchemaChange {
    public AddNodeType {
      requireNonNull(type, "type is null");
    }
  }

  /** A new edge type: a new, empty table. */
  record AddEdgeType(EdgeType type) implements SchemaChange {
    public AddEdgeType {
      requireNonNull(type, "type is null");
    }
  }

  /** A new nullable property: existing rows read it as NULL. */
  record AddProperty(String tableKey, Property property) implements SchemaChange {
    public AddProperty {
      requireNonNull(tableKey, "tableKey is null");
      requireNonNull(property, "property is null");
      if (!property.nullable()) {
        throw new IllegalArgumentException("added property '" + property.name() + "' must be nullable");
      }
    }
  }

  /** A new {@code @index}: intent only, so metadata only. */
  record AddIndex(String tableKey, Constraint.Index index) implements SchemaChange {
    public AddIndex {
      requireNonNull(tableKey, "tableKey is null");
      requireNonNull(index, "index is null");
    }
  }

  /** Enum widening: {@code addedValues} (sorted) join the property's value set; metadata only. */
  record ExtendEnum(String tableKey, String property, List<String> addedValues) implements SchemaChange {
    public ExtendEnum {
      requireNonNull(tableKey, "tableKey is null");
      requireNonNull(property, "property is null");
      addedValues = List.copyOf(requireNonNull(addedValues, "addedValues is null"));
    }
  }

  /**
   * New {@code @description}/{@code @instruction} metadata on a type ({@code property} empty) or one of its
   * properties; {@code annotations} is the complete new list.
   */
  record UpdateAnnotations(String tableKey, Optional<String> property, List<Annotation> annotations)
      implements SchemaChange {
    public UpdateAnnotations {
      requireNonNull(tableKey, "tableKey is null");
      requireNonNull(property, "property is null");
      annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
    }
  }
}
