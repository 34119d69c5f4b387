package dev.quiver.grammar.internal;

import dev.quiver.grammar.SyntaxError;
import dev.quiver.grammar.ast.SourceSpan;
import org.antlr.v4.runtime.Token;

/** Builds {@link SyntaxError}s positioned at a token, and renders tokens for messages. */
public final class SyntaxErrors {
  private static final int MAX_SHOWN = 40;

  private SyntaxErrors() {}

  /** An error at {@code token}'s first character. */
  public static SyntaxError at(Token token, String detail) {
    return new SyntaxError(detail, token.getLine(), token.getCharPositionInLine() + 1);
  }

  /** Where {@code token} starts. */
  public static SourceSpan span(Token token) {
    return new SourceSpan(token.getLine(), token.getCharPositionInLine() + 1);
  }

  /** {@code 'text'} of the token, shortened, or {@code end of input}. */
  public static String describe(Token token) {
    if (token.getType() == Token.EOF) {
      return "end of input";
    }
    return quote(token.getText());
  }

  /** {@code 'text'}, shortened when long; control characters shown escaped. */
  public static String quote(String text) {
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('\'').toString();
  }
}
