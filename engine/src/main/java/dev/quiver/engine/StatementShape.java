package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a statement text is, found without running it: whether it produces rows, and its parameters. The
 * driver uses it to refuse {@code executeQuery} on a mutation before anything is applied, to report
 * parameter metadata, and to name a parameter that was never bound.
 *
 * @param producesRows true for reads (SQL, {@code .gq} {@code match}); false for schema texts and mutations
 * @param parameters the text's parameters by JDBC index, as written: {@code $name} or {@code ?}
 */
public record StatementShape(boolean producesRows, List<String> parameters) {
  public StatementShape {
    parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
  }
}
