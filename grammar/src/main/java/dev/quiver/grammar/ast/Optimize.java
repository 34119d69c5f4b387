package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code optimize}: compact the graph's datasets. */
public record Optimize(SourceSpan span) implements Statement {
  public Optimize {
    requireNonNull(span, "span is null");
  }
}
