package dev.quiver.grammar.ast;

/** One top-level statement of a statement text or of a query declaration's body. */
public sealed interface Statement
    permits Insert, Update, Delete, MatchQuery, Load, Optimize, Cleanup {
  SourceSpan span();
}
