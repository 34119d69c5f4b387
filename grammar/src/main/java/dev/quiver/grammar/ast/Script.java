package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed statement text: either {@code query} declarations or bare statements, never both.
 *
 * @param declarations the {@code query} declarations, in text order (empty for bare statements)
 * @param bareStatements the statements outside any declaration (empty when there are declarations)
 * @param parameters the text's JDBC parameters by index: one per distinct {@code $name} (declared
 *     parameters first, in declaration order, then the others by first appearance), or one per
 *     {@code ?}, left to right. A text never mixes the two styles.
 */
public record Script(
    List<QueryDeclaration> declarations, List<Statement> bareStatements, List<Parameter> parameters) {
  public Script {
    declarations = List.copyOf(requireNonNull(declarations, "declarations is null"));
    bareStatements = List.copyOf(requireNonNull(bareStatements, "bareStatements is null"));
    parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    if (!declarations.isEmpty() && !bareStatements.isEmpty()) {
      throw new IllegalArgumentException("script mixes query declarations with bare statements");
    }
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).index() != i + 1) {
        throw new IllegalArgumentException(
            "parameter '" + parameters.get(i).display() + "' has index " + parameters.get(i).index()
                + " at position " + (i + 1));
      }
    }
  }

  /** Every statement of the text in order: the bare statements, or the bodies of all declarations. */
  public List<Statement> statements() {
    if (declarations.isEmpty()) {
      return bareStatements;
    }
    List<Statement> all = new ArrayList<>();
    for (QueryDeclaration declaration : declarations) {
      all.addAll(declaration.statements());
    }
    return List.copyOf(all);
  }

  /**
   * The first rule of the dialect this text breaks, if any: D₂ and the shape rules checked by
   * {@link dev.quiver.grammar.D2#violation(Script)} (SQLState {@code 42000}, not a syntax error).
   */
  public Optional<String> ruleViolation() {
    return dev.quiver.grammar.D2.violation(this);
  }
}
