package dev.quiver.grammar;

import static java.util.Objects.requireNonNull;

import dev.quiver.grammar.ast.Cleanup;
import dev.quiver.grammar.ast.Delete;
import dev.quiver.grammar.ast.Insert;
import dev.quiver.grammar.ast.Load;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Optimize;
import dev.quiver.grammar.ast.QueryDeclaration;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.ast.Statement;
import dev.quiver.grammar.ast.Update;
import java.util.List;
import java.util.Optional;

/**
 * The parse-time rules on which statements may share a text (SQLState {@code 42000}, checked before any
 * I/O). D₂: a write is either insert/update-only or delete-only, so that what it reads of its own
 * writes is unambiguous; the engine applies {@link #violation(List)} across a JDBC transaction too.
 *
 * <p>Shape rules of a statement text, checked first by {@link #violation(Script)}:
 *
 * <ul>
 *   <li>{@code load}, {@code optimize} and {@code cleanup} each stand alone in a text: they commit on
 *       their own terms and do not compose with other statements.
 *   <li>A {@code match} read stands alone in its text (or in its query declaration): a body is one
 *       read or a list of mutations, never both.
 * </ul>
 */
public final class D2 {
  /** The D₂ message; tests and users may rely on its fragments "inserts/updates and deletes" and "split". */
  public static final String MIXED_WRITES =
      "statement text mixes inserts/updates and deletes; split it into separate statement texts:"
          + " (1) inserts and updates, then (2) deletes; a write is deliberately constructive or destructive,"
          + " not both, so that its read-your-writes stays unambiguous";

  private D2() {}

  /**
   * The D₂ message when {@code statements} hold an insert or update and a delete. Reads and admin
   * statements are ignored here, so the engine can apply this to a transaction's statements.
   */
  public static Optional<String> violation(List<Statement> statements) {
    requireNonNull(statements, "statements is null");
    boolean writes = false;
    boolean deletes = false;
    for (Statement statement : statements) {
      writes |= statement instanceof Insert || statement instanceof Update;
      deletes |= statement instanceof Delete;
    }
    return writes && deletes ? Optional.of(MIXED_WRITES) : Optional.empty();
  }

  /** The first rule {@code script} breaks: an admin statement or a read that is not alone, then D₂. */
  public static Optional<String> violation(Script script) {
    requireNonNull(script, "script is null");
    List<Statement> all = script.statements();
    if (all.size() > 1) {
      for (Statement statement : all) {
        Optional<String> admin = adminKeyword(statement);
        if (admin.isPresent()) {
          return Optional.of("statement '" + admin.get() + "' at " + statement.span()
              + " shares its statement text with other statements; load, optimize and cleanup must each"
              + " stand alone");
        }
      }
    }
    for (QueryDeclaration declaration : script.declarations()) {
      Optional<String> read = readNotAlone(declaration.statements(), "query '" + declaration.name() + "'");
      if (read.isPresent()) {
        return read;
      }
    }
    Optional<String> read = readNotAlone(script.bareStatements(), "statement text");
    if (read.isPresent()) {
      return read;
    }
    return violation(all);
  }

  private static Optional<String> readNotAlone(List<Statement> statements, String subject) {
    if (statements.size() < 2) {
      return Optional.empty();
    }
    for (Statement statement : statements) {
      if (statement instanceof MatchQuery) {
        return Optional.of(subject + " mixes the match query at " + statement.span()
            + " with other statements; a read must stand alone, send each in its own statement text");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> adminKeyword(Statement statement) {
    if (statement instanceof Load) {
      return Optional.of("load");
    }
    if (statement instanceof Optimize) {
      return Optional.of("optimize");
    }
    if (statement instanceof Cleanup) {
      return Optional.of("cleanup");
    }
    return Optional.empty();
  }
}
