package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/** Unsigned digits; unbounded here, range-checked against the target type by the engine. */
public record IntegerLiteral(BigInteger value, SourceSpan span) implements Literal {
  public IntegerLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
    if (value.signum() < 0) {
      throw new IllegalArgumentException("integer literal '" + value + "' is negative");
    }
  }
}
