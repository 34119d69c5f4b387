package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code not operand}. */
public record Not(Predicate operand, SourceSpan span) implements Predicate {
  public Not {
    requireNonNull(operand, "operand is null");
    requireNonNull(span, "span is null");
  }
}
