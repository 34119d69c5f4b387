package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code now()}: the current UTC time, bound once per statement text. */
public record Now(SourceSpan span) implements Value {
  public Now {
    requireNonNull(span, "span is null");
  }
}
