package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code expression [as alias]} inside {@code return { … }}. */
public record Projection(Expression expression, Optional<String> alias, SourceSpan span) {
  public Projection {
    requireNonNull(expression, "expression is null");
    requireNonNull(alias, "alias is null");
    requireNonNull(span, "span is null");
  }
}
