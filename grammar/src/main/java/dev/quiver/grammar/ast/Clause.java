package dev.quiver.grammar.ast;

/** One clause inside {@code match { … }} or {@code not { … }}. */
public sealed interface Clause permits Binding, Traversal, Filter, Negation {
  SourceSpan span();
}
