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

  /**
   * The kind of {@code property} when it is this type's only {@code @key} property: its value alone
   * determines the node's id ({@link Ids#render}), so an equality on it can be answered as one on {@code
   * id}. Empty for any other property, or a composite or absent key.
   */
  public java.util.Optional<ScalarKind> soleKeyKind(String property) {
    if (key.size() != 1 || !key.get(0).equals(property)) {
      return java.util.Optional.empty();
    }
    return property(property)
        .filter(p -> p.type() instanceof PropertyType.Scalar)
        .map(p -> ((PropertyType.Scalar) p.type()).kind());
  }
}
