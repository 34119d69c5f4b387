package dev.quiver.grammar.ast;

/** {@code Vector(n)} with an optional {@code ?}. */
public record VectorType(int dimension, boolean nullable) implements ParameterType {
  public VectorType {
    if (dimension < 1) {
      throw new IllegalArgumentException("vector dimension " + dimension + " is less than 1");
    }
  }
}
