package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code name: Type @key @description("…")}. Property-level {@code @key}, {@code @unique} and {@code @index}
 * are in {@code constraints}; every other annotation is in {@code annotations}; each list in source order.
 */
public record PropertyDecl(
    String name,
    TypeRef type,
    List<PropertyConstraint> constraints,
    List<AnnotationDecl> annotations,
    SourceSpan span) {
  public PropertyDecl {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
    requireNonNull(span, "span is null");
  }

  public boolean has(ConstraintKind kind) {
    return constraints.stream().anyMatch(c -> c.kind() == kind);
  }
}
