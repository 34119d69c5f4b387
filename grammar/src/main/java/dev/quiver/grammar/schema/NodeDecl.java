package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code node Name @annotation… implements A, B { properties and body constraints }}. Properties and body
 * constraints are kept apart, each in source order.
 */
public record NodeDecl(
    String name,
    List<AnnotationDecl> annotations,
    List<NameRef> interfaces,
    List<PropertyDecl> properties,
    List<BodyConstraint> constraints,
    SourceSpan span)
    implements SchemaDeclaration {
  public NodeDecl {
    requireNonNull(name, "name is null");
    annotations = List.copyOf(requireNonNull(annotations, "annotations is null"));
    interfaces = List.copyOf(requireNonNull(interfaces, "interfaces is null"));
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
    requireNonNull(span, "span is null");
  }
}
