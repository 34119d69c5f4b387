package dev.quiver.grammar.internal;

import dev.quiver.grammar.SyntaxError;
import dev.quiver.grammar.antlr.GqParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error and throws a {@link SyntaxError} naming the offending token and what
 * was expected there. There is no recovery: a statement text that does not parse has no effect, so
 * later errors would only be noise.
 */
public final class GqErrorStrategy extends DefaultErrorStrategy {

  @Override
  public void reportError(Parser recognizer, RecognitionException e) {
    Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
    IntervalSet expected = e instanceof NoViableAltException || e instanceof InputMismatchException
        ? e.getExpectedTokens()
        : recognizer.getExpectedTokens();
    throw unexpected(offending, expected);
  }

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    reportError(recognizer, e);
  }

  @Override
  public Token recoverInline(Parser recognizer) {
    throw unexpected(recognizer.getCurrentToken(), recognizer.getExpectedTokens());
  }

  @Override
  protected void reportUnwantedToken(Parser recognizer) {
    throw unexpected(recognizer.getCurrentToken(), recognizer.getExpectedTokens());
  }

  @Override
  protected void reportMissingToken(Parser recognizer) {
    throw unexpected(recognizer.getCurrentToken(), recognizer.getExpectedTokens());
  }

  private static SyntaxError unexpected(Token offending, IntervalSet expected) {
    String detail = "unexpected " + SyntaxErrors.describe(offending);
    List<String> names = expectedNames(expected);
    if (names.size() == 1) {
      detail += ", expected " + names.get(0);
    } else if (!names.isEmpty()) {
      detail += ", expected one of " + String.join(", ", names);
    }
    return SyntaxErrors.at(offending, detail);
  }

  /** Readable names of the expected tokens; keywords usable as identifiers fold into "identifier". */
  static List<String> expectedNames(IntervalSet expected) {
    List<String> names = new ArrayList<>();
    if (expected == null) {
      return names;
    }
    boolean identifier = expected.contains(GqParser.IDENT);
    for (int type : expected.toList()) {
      if (identifier && type != GqParser.IDENT && isSoftKeyword(type)) {
        continue;
      }
      names.add(name(type));
    }
    return names;
  }

  private static boolean isSoftKeyword(int type) {
    return type >= GqParser.QUERY && type <= GqParser.KEEP && type != GqParser.TRUE && type != GqParser.FALSE;
  }

  private static String name(int type) {
    switch (type) {
      case Token.EOF:
        return "end of input";
      case GqParser.IDENT:
        return "identifier";
      case GqParser.TYPE_NAME:
        return "type name";
      case GqParser.VARIABLE:
        return "variable";
      case GqParser.STRING:
        return "string";
      case GqParser.INTEGER:
        return "integer";
      case GqParser.FLOAT:
        return "float";
      default:
        String literal = GqParser.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : GqParser.VOCABULARY.getDisplayName(type);
    }
  }
}
