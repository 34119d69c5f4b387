package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/**
 * A bare {@code $variable} bound by the match (binding, traversal endpoint or edge binding); a
 * {@code $name} that the match does not bind is a {@link Parameter} instead.
 */
public record VariableReference(String variable, SourceSpan span) implements Expression {
  public VariableReference {
    requireNonNull(variable, "variable is null");
    requireNonNull(span, "span is null");
  }
}
