package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A parameter: {@code $name} (name without the {@code $}) or a positional {@code ?} (empty name).
 * {@code index} is its 1-based JDBC index: named parameters are numbered in order of first appearance,
 * or in the order a {@code query} declaration lists them; each {@code ?} gets the next number.
 */
public record Parameter(Optional<String> name, int index, SourceSpan span) implements Value {
  public Parameter {
    requireNonNull(name, "name is null");
    requireNonNull(span, "span is null");
    if (index < 1) {
      throw new IllegalArgumentException("parameter index " + index + " is not 1-based");
    }
  }

  /** A named parameter {@code $name}. */
  public static Parameter named(String name, int index, SourceSpan span) {
    return new Parameter(Optional.of(name), index, span);
  }

  /** The {@code index}-th {@code ?}. */
  public static Parameter positional(int index, SourceSpan span) {
    return new Parameter(Optional.empty(), index, span);
  }

  /** How the parameter is written: {@code $name} or {@code ?}. */
  public String display() {
    return name.map(n -> "$" + n).orElse("?");
  }
}
