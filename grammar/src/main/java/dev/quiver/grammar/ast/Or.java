package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code left or right}. */
public record Or(Predicate left, Predicate right, SourceSpan span) implements Predicate {
  public Or {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(span, "span is null");
  }
}
