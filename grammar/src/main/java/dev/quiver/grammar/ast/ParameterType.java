package dev.quiver.grammar.ast;

/** A declared parameter type: a scalar, {@code [scalar]} or {@code Vector(n)}, each optionally {@code ?}. */
public sealed interface ParameterType permits ScalarType, ListType, VectorType {
  /** Whether the parameter accepts NULL ({@code ?} suffix). */
  boolean nullable();
}
