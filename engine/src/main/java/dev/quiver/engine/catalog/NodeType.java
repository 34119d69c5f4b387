package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A node type. {@code key} lists the {@code @key} properties in canonical order (alphabetical by name, the
 * order of a composite id's members); it is empty for a node type without {@code @key}, whose ids are
 * generated.
 */
public record NodeType(
    String name,
    List<Property> properties,
    List<String> key,
    List<Constraint> constraints,
    List<Annotation> annotations,
    List<String> interfaces)
    implements TableType {
  public NodeType {
    requireNonNull(name, "name is null");
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    key = List.copyOf(requireNonNull(key, "key is null"));
    constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
    interfaces = List.copyOf(requireNonNull(interfaces, "interfaces is null"));
  }

  @Override
  public TableKind kind() {
    return TableKind.NODE;
  }

  public boolean keyed() {
    return !key.isEmpty();
  }
}
