package dev.quiver.grammar.schema;

/** A top-level declaration of a schema file: an interface, a node type or an edge type. */
public sealed interface SchemaDeclaration permits InterfaceDecl, NodeDecl, EdgeDecl {

  /** The declared type name. */
  String name();

  /** The position of the declaring keyword. */
  SourceSpan span();
}
