package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code expression [asc|desc]} inside {@code order { … }}; ascending unless written otherwise. */
public record Ordering(Expression expression, Direction direction, SourceSpan span) {
  public Ordering {
    requireNonNull(expression, "expression is null");
    requireNonNull(direction, "direction is null");
    requireNonNull(span, "span is null");
  }

  /** Sort direction. */
  public enum Direction {
    ASC,
    DESC
  }
}
