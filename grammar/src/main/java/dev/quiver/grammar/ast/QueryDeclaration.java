package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** {@code query name($p: T, …) [@description("…")] [@instruction("…")] { statements }}. */
public record QueryDeclaration(
    String name,
    List<ParameterDeclaration> parameters,
    Optional<String> description,
    Optional<String> instruction,
    List<Statement> statements,
    SourceSpan span) {
  public QueryDeclaration {
    requireNonNull(name, "name is null");
    parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    requireNonNull(description, "description is null");
    requireNonNull(instruction, "instruction is null");
    statements = List.copyOf(requireNonNull(statements, "statements is null"));
    requireNonNull(span, "span is null");
  }
}
