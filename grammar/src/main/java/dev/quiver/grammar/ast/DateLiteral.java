package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code date("2024-06-01")}; the text is validated by the engine (SQLState 22007). */
public record DateLiteral(String text, SourceSpan span) implements Literal {
  public DateLiteral {
    requireNonNull(text, "text is null");
    requireNonNull(span, "span is null");
  }
}
