package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code $variable: Type [{ prop: value, … }]}: binds the variable to rows of the type, filtered by equality. */
public record Binding(String variable, String type, List<PropertyMatch> properties, SourceSpan span)
    implements Clause {
  public Binding {
    requireNonNull(variable, "variable is null");
    requireNonNull(type, "type is null");
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    requireNonNull(span, "span is null");
  }
}
