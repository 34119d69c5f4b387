package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code $variable.property} (variable without the {@code $}). */
public record PropertyAccess(String variable, String property, SourceSpan span) implements Expression {
  public PropertyAccess {
    requireNonNull(variable, "variable is null");
    requireNonNull(property, "property is null");
    requireNonNull(span, "span is null");
  }
}
