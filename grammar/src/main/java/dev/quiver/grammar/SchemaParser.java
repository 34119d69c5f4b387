package dev.quiver.grammar;

import static java.util.Objects.requireNonNull;

import dev.quiver.grammar.antlr.SchemaLexer;
import dev.quiver.grammar.schema.SchemaFile;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Parses {@code .pg} schema text into an immutable {@link SchemaFile}. Stateless and thread-safe: each call
 * creates its own lexer and parser (the generated recognizers share their ATN and DFA caches statically).
 */
public final class SchemaParser {
  private SchemaParser() {}

  /**
   * Parses a whole schema text.
   *
   * @throws SyntaxError at the first token that does not fit the grammar, with its 1-based line and column
   */
  public static SchemaFile parse(String text) {
    requireNonNull(text, "text is null");
    SchemaLexer lexer = new SchemaLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    lexer.addErrorListener(SchemaErrorListener.INSTANCE);
    var parser = new dev.quiver.grammar.antlr.SchemaParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(SchemaErrorListener.INSTANCE);
    return new SchemaAstBuilder().schemaFile(parser.schemaFile());
  }
}
