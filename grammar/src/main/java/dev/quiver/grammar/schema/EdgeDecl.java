package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code edge Name: From -> To @card(min..max) @annotation… { … }}. The body is optional; without one,
 * {@code properties} and {@code constraints} are empty. {@code cardinality} is empty when {@code @card} is
 * not written (the default {@code 0..*} is the engine's business).
 */
public record EdgeDecl(
    String name,
    NameRef from,
    NameRef to,
    Optional<CardinalityDecl> cardinality,
    List<AnnotationDecl> annotations,
    List<PropertyDecl> properties,
    List<BodyConstraint> constraints,
    SourceSpan span)
    implements SchemaDeclaration {
  public EdgeDecl {
    requireNonNull(name, "name is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(cardinality, "cardinality is null");
    annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    requireNonNull(span, "span is null");
  }
}
