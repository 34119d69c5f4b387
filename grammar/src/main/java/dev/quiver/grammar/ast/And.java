package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code left and right}. */
public record And(Predicate left, Predicate right, SourceSpan span) implements Predicate {
  public And {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(span, "span is null");
  }
}
