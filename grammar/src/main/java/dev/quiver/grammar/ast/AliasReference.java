package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** A bare identifier: a reference to a projection alias (in {@code order}). */
public record AliasReference(String alias, SourceSpan span) implements Expression {
  public AliasReference {
    requireNonNull(alias, "alias is null");
    requireNonNull(span, "span is null");
  }
}
