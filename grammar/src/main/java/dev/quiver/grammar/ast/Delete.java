package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code delete Type where predicate}: deleting a node cascades to its incident edges. */
public record Delete(String type, Predicate where, SourceSpan span) implements Statement {
  public Delete {
    requireNonNull(type, "type is null");
    requireNonNull(where, "where is null");
    requireNonNull(span, "span is null");
  }
}
