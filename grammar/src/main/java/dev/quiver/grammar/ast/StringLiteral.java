package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code "text"}, with its escapes ({@code \" \\ \n \r \t}) already resolved. */
public record StringLiteral(String value, SourceSpan span) implements Literal {
  public StringLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
