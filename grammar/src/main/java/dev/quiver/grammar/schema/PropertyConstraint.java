package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

/** A bare {@code @key}, {@code @unique} or {@code @index} written after a property's type. */
public record PropertyConstraint(ConstraintKind kind, SourceSpan span) {
  public PropertyConstraint {
    requireNonNull(kind, "kind is null");
    requireNonNull(span, "span is null");
  }
}
