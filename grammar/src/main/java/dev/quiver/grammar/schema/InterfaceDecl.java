package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code interface Named { name: String @key }}: properties that node types can take in with {@code implements}. */
public record InterfaceDecl(String name, List<PropertyDecl> properties, SourceSpan span)
    implements SchemaDeclaration {
  public InterfaceDecl {
    requireNonNull(name, "name is null");
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    requireNonNull(span, "span is null");
  }
}
