package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code [T]} with an optional {@code ?}. */
public record ListType(ScalarKind element, boolean nullable) implements ParameterType {
  public ListType {
    requireNonNull(element, "element is null");
  }
}
