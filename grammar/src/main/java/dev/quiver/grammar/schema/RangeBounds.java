package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/** The bounds of {@code @range}: inclusive, either side may be open ({@code 0..}, {@code ..100}). */
public record RangeBounds(Optional<BigDecimal> min, Optional<BigDecimal> max) {
  public RangeBounds {
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
  }

  /** As written in a {@code .pg} text, e.g. {@code 0..100} or {@code ..-1.5}. */
  public String render() {
    return min.map(BigDecimal::toPlainString).orElse("") + ".." + max.map(BigDecimal::toPlainString).orElse("");
  }
}
