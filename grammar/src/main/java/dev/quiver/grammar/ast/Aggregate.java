package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code count(e)}, {@code sum(e)}, {@code avg(e)}, {@code min(e)} or {@code max(e)}. */
public record Aggregate(AggregateFunction function, Expression argument, SourceSpan span)
    implements Expression {
  public Aggregate {
    requireNonNull(function, "function is null");
    requireNonNull(argument, "argument is null");
    requireNonNull(span, "span is null");
  }
}
