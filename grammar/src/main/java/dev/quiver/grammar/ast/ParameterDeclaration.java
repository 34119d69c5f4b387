package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

/** {@code $name: Type} in a query declaration's parameter list (name without the {@code $}). */
public record ParameterDeclaration(String name, ParameterType type, SourceSpan span) {
  public ParameterDeclaration {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(span, "span is null");
  }
}
