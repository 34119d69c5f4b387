package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code datetime("2024-06-01T12:00:00Z")}; the text is validated by the engine (SQLState 22007). */
public record DateTimeLiteral(String text, SourceSpan span) implements Literal {
  public DateTimeLiteral {
    requireNonNull(text, "text is null");
    requireNonNull(span, "span is null");
  }
}
