package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/** {@code match { clauses } return { projections } [order { orderings }] [limit n]}. */
public record MatchQuery(
    List<Clause> clauses,
    List<Projection> projections,
    List<Ordering> orderings,
    OptionalLong limit,
    SourceSpan span)
    implements Statement {
  public MatchQuery {
    clauses = List.copyOf(requireNonNull(clauses, "clauses is null"));
    projections = List.copyOf(requireNonNull(projections, "projections is null"));
    orderings = List.copyOf(requireNonNull(orderings, "orderings is null"));
    requireNonNull(limit, "limit is null");
    requireNonNull(span, "span is null");
  }
}
