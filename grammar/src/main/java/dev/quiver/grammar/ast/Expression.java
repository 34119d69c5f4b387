package dev.quiver.grammar.ast;

/** An operand of a read: in filters, projections and orderings. */
public sealed interface Expression
    permits Value, PropertyAccess, VariableReference, AliasReference, Aggregate {
  SourceSpan span();
}
