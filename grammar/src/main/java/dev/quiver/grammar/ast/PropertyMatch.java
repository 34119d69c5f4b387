package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code prop: value} inside a binding; the value is a {@link Value} or a bound {@link VariableReference}. */
public record PropertyMatch(String property, Expression value, SourceSpan span) {
  public PropertyMatch {
    requireNonNull(property, "property is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
    if (!(value instanceof Value) && !(value instanceof VariableReference)) {
      throw new IllegalArgumentException("property match value at " + span + " is not a value or variable");
    }
  }
}
