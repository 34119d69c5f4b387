package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code insert Type { prop: value, … }}: an upsert for keyed nodes, a strict insert otherwise. */
public record Insert(String type, List<Assignment> assignments, SourceSpan span) implements Statement {
  public Insert {
    requireNonNull(type, "type is null");
    assignments = List.copyOf(requireNonNull(assignments, "assignments is null"));
    requireNonNull(span, "span is null");
  }
}
