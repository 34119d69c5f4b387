package dev.quiver.grammar;

import static java.util.Objects.requireNonNull;

import dev.quiver.grammar.antlr.GqLexer;
import dev.quiver.grammar.antlr.GqParser;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.internal.AstBuilder;
import dev.quiver.grammar.internal.GqErrorStrategy;
import dev.quiver.grammar.internal.LexicalChecks;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Parses a {@code .gq} statement text (mutations, reads, admin statements or query declarations) into
 * an immutable {@link Script}. Parsing never looks at a catalog and never applies D₂: call
 * {@link Script#ruleViolation()} (or {@link D2}) for that. Thread-safe; holds no state.
 */
public final class MutationParser {
  private MutationParser() {}

  /**
   * The AST of {@code text}.
   *
   * @throws SyntaxError at the first error, with its line, column, the offending token and what was
   *     expected; never any other exception for any input
   */
  public static Script parse(String text) {
    requireNonNull(text, "text is null");
    GqLexer lexer = new GqLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners(); // the lexer has catch-all error tokens and never reports
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    LexicalChecks.check(tokens.getTokens());
    GqParser parser = new GqParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new GqErrorStrategy());
    try {
      return new AstBuilder().script(parser.script());
    } catch (StackOverflowError e) {
      // LexicalChecks bounds nesting; this is the last line of defence on a small thread stack.
      throw new SyntaxError("statement text nests too deeply", 1, 1);
    }
  }
}
