package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A declared property of a node or edge type. */
public record Property(String name, PropertyType type, boolean nullable, List<Annotation> annotations) {
  public Property {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
  }

  public Property(String name, PropertyType type, boolean nullable) {
    this(name, type, nullable, List.of());
  }

  /** The type as written in a {@code .pg} text, with {@code ?} when optional. */
  public String renderType() {
    return type.render() + (nullable ? "?" : "");
  }
}
