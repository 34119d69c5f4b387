package dev.quiver.engine;

/**
 * The little the engine needs to know about an SQL text before it is planned: whether it holds anything but
 * whitespace and comments, and how many {@code ?} markers it has outside literals, quoted identifiers and
 * comments.
 */
final class SqlText {
  private SqlText() {}

  static boolean isBlank(String text) {
    int i = 0;
    while (i < text.length()) {
      int next = skipTrivia(text, i);
      if (next == i) {
        return false;
      }
      i = next;
    }
    return true;
  }

  static int countMarkers(String text) {
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      int next = skipTrivia(text, i);
      if (next != i) {
        i = next;
        continue;
      }
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(text, i, c);
      } else {
        if (c == '?') {
          count++;
        }
        i++;
      }
    }
    return count;
  }

  /** The position after whitespace or one comment at {@code i}, or {@code i} when there is none. */
  private static int skipTrivia(String text, int i) {
    if (Character.isWhitespace(text.charAt(i))) {
      return i + 1;
    }
    if (text.startsWith("--", i) || text.startsWith("//", i)) {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end + 1;
    }
    if (text.startsWith("/*", i)) {
      int end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length() : end + 2;
    }
    return i;
  }

  /** The position after a quoted literal or identifier starting at {@code i}; a doubled quote escapes it. */
  private static int skipQuoted(String text, int i, char quote) {
    int j = i + 1;
    while (j < text.length()) {
      if (text.charAt(j) == quote) {
        if (j + 1 < text.length() && text.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return j;
  }
}
