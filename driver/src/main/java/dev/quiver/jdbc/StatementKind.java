package dev.quiver.jdbc;

import java.util.Locale;

/**
 * What a statement text is, decided from its first keyword after comments and whitespace. A {@code .pg}
 * schema text starts with {@code node}, {@code edge} or {@code interface}; SQL reads and {@code .gq} texts
 * are recognised here too once they are executable.
 */
enum StatementKind {
  /** A {@code .pg} text: applied with {@code Session.applySchema}. */
  SCHEMA,
  /** Nothing but whitespace and comments. */
  EMPTY,
  /** Anything else: not executable yet. */
  OTHER;

  static StatementKind of(String text) {
    String keyword = firstKeyword(text);
    if (keyword.isEmpty()) {
      return EMPTY;
    }
    switch (keyword.toLowerCase(Locale.ROOT)) {
      case "node":
      case "edge":
      case "interface":
        return SCHEMA;
      default:
        return OTHER;
    }
  }

  /**
   * The first word of a text after whitespace, {@code //} and {@code --} line comments and {@code /* *}{@code /}
   * block comments; empty when there is none. A text starting with a non-letter yields that character.
   */
  static String firstKeyword(String text) {
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i) || text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? length : end + 1;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? length : end + 2;
      } else {
        int start = i;
        while (i < length && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        return i == start ? String.valueOf(c) : text.substring(start, i);
      }
    }
    return "";
  }
}
