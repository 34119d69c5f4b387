package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A parsed {@code .pg} text: its declarations in source order. */
public record SchemaFile(List<SchemaDeclaration> declarations) {
  public SchemaFile {
    declarations = List.copyOf(requireNonNull(declarations, "declarations is null"));
  }

  public List<InterfaceDecl> interfaces() {
    return declarations.stream()
        .filter(InterfaceDecl.class::isInstance)
        .map(InterfaceDecl.class::cast)
        .toList();
  }

  public List<NodeDecl> nodes() {
    return declarations.stream().filter(NodeDecl.class::isInstance).map(NodeDecl.class::cast).toList();
  }

  public List<EdgeDecl> edges() {
    return declarations.stream().filter(EdgeDecl.class::isInstance).map(EdgeDecl.class::cast).toList();
  }
}
