package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code not { clauses }}: keeps the outer rows for which the inner clauses have no match. */
public record Negation(List<Clause> clauses, SourceSpan span) implements Clause {
  public Negation {
    clauses = List.copyOf(requireNonNull(clauses, "clauses is null"));
    requireNonNull(span, "span is null");
  }
}
