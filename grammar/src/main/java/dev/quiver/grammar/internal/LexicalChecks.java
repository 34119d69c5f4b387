package dev.quiver.grammar.internal;

import dev.quiver.grammar.antlr.GqLexer;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Reports the lexer's error tokens with specific messages, and bounds nesting so that the recursive
 * descent parser cannot overflow the stack on hostile input.
 */
public final class LexicalChecks {
  /** Deeper than any sensible statement; keeps recursion far from the default thread stack limit. */
  static final int MAX_NESTING = 100;

  private LexicalChecks() {}

  /** Throws a {@link dev.quiver.grammar.SyntaxError} for the first bad token, if any. */
  public static void check(List<Token> tokens) {
    int depth = 0;
    int nots = 0;
    for (Token token : tokens) {
      String text = token.getText();
      switch (token.getType()) {
        case GqLexer.BAD_ESCAPE_ERROR:
          throw badEscape(token);
        case GqLexer.UNTERMINATED_STRING_ERROR:
          throw SyntaxErrors.at(token, "string literal is not terminated before the end of the line");
        case GqLexer.UNTERMINATED_COMMENT_ERROR:
          throw SyntaxErrors.at(token, "comment '/*' is not closed by '*/'");
        case GqLexer.BAD_VARIABLE_ERROR:
          throw SyntaxErrors.at(
              token, "variable " + SyntaxErrors.quote(text) + " must start with a lower-case letter or '_'");
        case GqLexer.MINUS_ERROR:
          throw SyntaxErrors.at(
              token, "unexpected '-', .gq has no unary minus: pass a negative value as a parameter");
        case GqLexer.CHARACTER_ERROR:
          throw SyntaxErrors.at(token, "unexpected character " + SyntaxErrors.quote(text));
        case GqLexer.LBRACE:
        case GqLexer.LPAREN:
        case GqLexer.LBRACKET:
          depth++;
          break;
        case GqLexer.RBRACE:
        case GqLexer.RPAREN:
        case GqLexer.RBRACKET:
          depth--;
          break;
        default:
          break;
      }
      nots = token.getType() == GqLexer.NOT ? nots + 1 : 0;
      if (depth > MAX_NESTING || nots > MAX_NESTING) {
        throw SyntaxErrors.at(token, "statement text nests deeper than " + MAX_NESTING + " levels");
      }
    }
  }

  private static dev.quiver.grammar.SyntaxError badEscape(Token token) {
    String text = token.getText();
    int backslash = text.length() - 2;
    String escape = text.substring(backslash);
    return new dev.quiver.grammar.SyntaxError(
        "unsupported escape sequence " + SyntaxErrors.quote(escape) + " in string literal, expected one of \\\" \\\\ \\n \\r \\t",
        token.getLine(),
        token.getCharPositionInLine() + 1 + backslash);
  }
}
