package dev.quiver.grammar;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

/**
 * Routes a statement text to its language by its first words, without parsing it: {@code .pg} schema,
 * {@code .gq} graph statements, or SQL. Comments ({@code //}, {@code /* *}{@code /}, {@code --}) and
 * whitespace before the first word are skipped.
 *
 * <p>{@code .pg} and {@code .gq} keywords are lower-case and matched exactly; SQL keywords in any case.
 * The three SQL forms that start with a {@code .gq} keyword are told apart by their next words:
 * {@code insert into}, {@code delete from}, and an {@code update T set} not followed by {@code {}.
 *
 * <p>{@code explain} followed by {@code match} (both lower-case) is a {@code .gq} read to explain; every other
 * {@code EXPLAIN …} stays SQL ({@code EXPLAIN PLAN FOR …}). {@link #explainedRead} gives the read's text.
 */
public final class Dialect {
  /** The language of a statement text. */
  public enum Kind {
    SCHEMA,
    GRAPH,
    SQL
  }

  private static final Set<String> SCHEMA_KEYWORDS = Set.of("node", "edge", "interface");
  private static final Set<String> GRAPH_KEYWORDS =
      Set.of("insert", "update", "delete", "match", "query", "load", "optimize", "cleanup");

  private static final String EXPLAIN = "explain";

  private Dialect() {}

  /**
   * For {@code explain match …}: the text with the word {@code explain} blanked out (so positions in the read
   * stay as written); empty for any other text.
   */
  public static java.util.Optional<String> explainedRead(String text) {
    requireNonNull(text, "text is null");
    Scanner scanner = new Scanner(text);
    if (!scanner.word().equals(EXPLAIN)) {
      return java.util.Optional.empty();
    }
    int end = scanner.position;
    if (!scanner.word().equals("match")) {
      return java.util.Optional.empty();
    }
    int start = end - EXPLAIN.length();
    return java.util.Optional.of(text.substring(0, start) + " ".repeat(EXPLAIN.length()) + text.substring(end));
  }

  /** The language {@code text} is written in; SQL when nothing else fits, so SQL errors explain the rest. */
  public static Kind classify(String text) {
    requireNonNull(text, "text is null");
    Scanner scanner = new Scanner(text);
    String first = scanner.word();
    if (SCHEMA_KEYWORDS.contains(first)) {
      return Kind.SCHEMA;
    }
    if (first.equals(EXPLAIN)) {
      return scanner.word().equals("match") ? Kind.GRAPH : Kind.SQL;
    }
    if (!GRAPH_KEYWORDS.contains(first)) {
      return Kind.SQL;
    }
    switch (first) {
      case "insert":
        return scanner.word().toLowerCase(Locale.ROOT).equals("into") ? Kind.SQL : Kind.GRAPH;
      case "delete":
        return scanner.word().toLowerCase(Locale.ROOT).equals("from") ? Kind.SQL : Kind.GRAPH;
      case "update":
        scanner.word(); // the table or type
        if (!scanner.word().toLowerCase(Locale.ROOT).equals("set")) {
          return Kind.SQL;
        }
        return scanner.startsWith('{') ? Kind.GRAPH : Kind.SQL;
      default:
        return Kind.GRAPH;
    }
  }

  /** Reads words (letters, digits, underscore) and skips whitespace and comments between them. */
  private static final class Scanner {
    private final String text;
    private int position;

    Scanner(String text) {
      this.text = text;
    }

    /** The next word, or "" when the next token is not a word. */
    String word() {
      skipTrivia();
      int start = position;
      while (position < text.length() && isWordCharacter(text.charAt(position))) {
        position++;
      }
      return text.substring(start, position);
    }

    boolean startsWith(char c) {
      skipTrivia();
      return position < text.length() && text.charAt(position) == c;
    }

    private void skipTrivia() {
      while (position < text.length()) {
        char c = text.charAt(position);
        if (Character.isWhitespace(c)) {
          position++;
        } else if (text.startsWith("//", position) || text.startsWith("--", position)) {
          int end = text.indexOf('\n', position);
          position = end < 0 ? text.length() : end + 1;
        } else if (text.startsWith("/*", position)) {
          int end = text.indexOf("*/", position + 2);
          position = end < 0 ? text.length() : end + 2;
        } else {
          return;
        }
      }
    }

    private static boolean isWordCharacter(char c) {
      return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }
  }
}
