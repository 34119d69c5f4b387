package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code [lit, …]} of scalar literals; lists do not nest. */
public record ListLiteral(List<Literal> elements, SourceSpan span) implements Literal {
  public ListLiteral {
    elements = List.copyOf(requireNonNull(elements, "elements is null"));
    requireNonNull(span, "span is null");
    for (Literal element : elements) {
      if (element instanceof ListLiteral) {
        throw new IllegalArgumentException("list literal at " + span + " nests a list");
      }
    }
  }
}
