package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code prop op value}; for edges {@code from} and {@code to} name the endpoints. */
public record Comparison(String property, Operator operator, Value value, SourceSpan span)
    implements Predicate {
  public Comparison {
    requireNonNull(property, "property is null");
    requireNonNull(operator, "operator is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
    if (!operator.isComparison()) {
      throw new IllegalArgumentException("operator '" + operator.symbol() + "' is not a comparison");
    }
  }
}
