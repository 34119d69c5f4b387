package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** {@code @card(min..max)} as written; {@code max} is empty for {@code @card(min..)}. */
public record CardinalityDecl(long min, OptionalLong max, SourceSpan span) {
  public CardinalityDecl {
    requireNonNull(max, "max is null");
    requireNonNull(span, "span is null");
  }
}
