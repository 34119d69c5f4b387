package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** {@code cleanup [keep n]}: remove old versions, keeping the newest {@code n} when given. */
public record Cleanup(OptionalLong keep, SourceSpan span) implements Statement {
  public Cleanup {
    requireNonNull(keep, "keep is null");
    requireNonNull(span, "span is null");
  }
}
