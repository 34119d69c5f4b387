package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/** {@code digits.digits}, kept exact so that the engine decides how to round. */
public record FloatLiteral(BigDecimal value, SourceSpan span) implements Literal {
  public FloatLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
