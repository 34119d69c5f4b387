package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An edge type {@code name: from -> to}. Edges always get generated ids. */
public record EdgeType(
    String name,
    String from,
    String to,
    Cardinality cardinality,
    List<Property> properties,
    List<Constraint> constraints,
    List<Annotation> annotations)
    implements TableType {
  public EdgeType {
    requireNonNull(name, "name is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(cardinality, "cardinality is null");
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
  }

  @Override
  public TableKind kind() {
    return TableKind.EDGE;
  }
}
