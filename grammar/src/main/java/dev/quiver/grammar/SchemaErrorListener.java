package dev.quiver.grammar;

import dev.quiver.grammar.antlr.SchemaLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first lexer or parser error into a {@link SyntaxError} naming the offending text and, in words,
 * what was expected there. Throwing stops ANTLR's recovery, so a text yields exactly one error.
 */
final class SchemaErrorListener extends BaseErrorListener {
  static final SchemaErrorListener INSTANCE = new SchemaErrorListener();

  /** Tokens that are contextual keywords: when an identifier is expected, listing them is noise. */
  private static final List<Integer> KEYWORDS =
      List.of(
          SchemaLexer.INTERFACE,
          SchemaLexer.NODE,
          SchemaLexer.EDGE,
          SchemaLexer.IMPLEMENTS,
          SchemaLexer.ENUM,
          SchemaLexer.KEY,
          SchemaLexer.UNIQUE,
          SchemaLexer.INDEX,
          SchemaLexer.RANGE,
          SchemaLexer.CHECK,
          SchemaLexer.CARD);

  private SchemaErrorListener() {}

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String message,
      RecognitionException e) {
    if (recognizer instanceof Lexer) {
      throw lexerError((Lexer) recognizer, line, charPositionInLine);
    }
    Parser parser = (Parser) recognizer;
    Token token = (Token) offendingSymbol;
    IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
    throw new SyntaxError(describe(token, expected), line, charPositionInLine + 1);
  }

  private static SyntaxError lexerError(Lexer lexer, int line, int charPositionInLine) {
    int start = lexer._tokenStartCharIndex;
    int stop = Math.max(start, Math.min(lexer._input.index(), lexer._input.size() - 1));
    String text = lexer._input.getText(Interval.of(start, stop));
    String detail;
    if (text.startsWith("\"")) {
      detail = "unterminated string literal";
    } else if (text.startsWith("/*")) {
      detail = "unterminated block comment";
    } else {
      detail = "unexpected character '" + new String(Character.toChars(text.codePointAt(0))) + "'";
    }
    return new SyntaxError(detail, line, charPositionInLine + 1);
  }

  private static String describe(Token token, IntervalSet expected) {
    String found = token.getType() == Token.EOF ? "end of input" : "'" + token.getText() + "'";
    if (token.getType() == SchemaLexer.CARD) {
      // Reached through a failed prediction, whose expected set would mislead.
      return "unexpected 'card': @card belongs to an edge, right after its endpoints and before other annotations";
    }
    List<Integer> types = expected.toList();
    boolean identifierExpected = types.contains(SchemaLexer.IDENT);
    List<String> names = new ArrayList<>();
    if (types.containsAll(List.of(SchemaLexer.IDENT, SchemaLexer.TYPE_NAME, SchemaLexer.INTEGER, SchemaLexer.MINUS))) {
      names.add("enum value");
    } else {
      for (int type : types) {
        if (identifierExpected && KEYWORDS.contains(type)) {
          continue;
        }
        names.add(displayName(type));
      }
    }
    StringBuilder detail = new StringBuilder("unexpected ").append(found);
    if (names.size() == 1) {
      detail.append(", expected ").append(names.get(0));
    } else if (!names.isEmpty()) {
      detail.append(", expected one of: ").append(String.join(", ", names));
    }
    if (token.getType() == SchemaLexer.TYPE_NAME && identifierExpected) {
      detail.append(" (property names start with a lowercase letter or '_')");
    } else if (token.getType() == SchemaLexer.IDENT && types.contains(SchemaLexer.TYPE_NAME)) {
      detail.append(" (type names start with an uppercase letter)");
    }
    return detail.toString();
  }

  private static String displayName(int type) {
    switch (type) {
      case Token.EOF:
        return "end of input";
      case SchemaLexer.IDENT:
        return "identifier";
      case SchemaLexer.TYPE_NAME:
        return "type name";
      case SchemaLexer.INTEGER:
        return "integer";
      case SchemaLexer.FLOAT:
        return "float";
      case SchemaLexer.STRING:
        return "string";
      default:
        String literal = SchemaLexer.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : SchemaLexer.VOCABULARY.getDisplayName(type);
    }
  }
}
