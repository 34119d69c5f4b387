package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code update Type set { prop: value, … } where predicate}: a partial-column write of matching nodes. */
public record Update(String type, List<Assignment> assignments, Predicate where, SourceSpan span)
    implements Statement {
  public Update {
    requireNonNull(type, "type is null");
    assignments = List.copyOf(requireNonNull(assignments, "assignments is null"));
    requireNonNull(where, "where is null");
    requireNonNull(span, "span is null");
  }
}
