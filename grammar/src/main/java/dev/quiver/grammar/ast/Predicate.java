package dev.quiver.grammar.ast;

/**
 * The {@code where} of an {@code update} or {@code delete}: comparisons of a property with a value,
 * combined with {@code and}, {@code or}, {@code not} and parentheses (an extension of the reference
 * dialect, whose {@code where} is one comparison).
 */
public sealed interface Predicate permits Comparison, And, Or, Not {
  SourceSpan span();
}
