package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code left op right} inside a match, including {@code contains} and {@code starts_with}. */
public record Filter(Expression left, Operator operator, Expression right, SourceSpan span)
    implements Clause {
  public Filter {
    requireNonNull(left, "left is null");
    requireNonNull(operator, "operator is null");
    requireNonNull(right, "right is null");
    requireNonNull(span, "span is null");
  }
}
