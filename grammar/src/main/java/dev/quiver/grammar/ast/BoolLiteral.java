package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code true} or {@code false}. */
public record BoolLiteral(boolean value, SourceSpan span) implements Literal {
  public BoolLiteral {
    requireNonNull(span, "span is null");
  }
}
