package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code prop: value} inside an {@code insert} or {@code update … set}. */
public record Assignment(String property, Value value, SourceSpan span) {
  public Assignment {
    requireNonNull(property, "property is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
