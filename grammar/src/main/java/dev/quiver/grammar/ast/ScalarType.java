package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code String}, {@code I32}, … with an optional {@code ?}. */
public record ScalarType(ScalarKind kind, boolean nullable) implements ParameterType {
  public ScalarType {
    requireNonNull(kind, "kind is null");
  }
}
