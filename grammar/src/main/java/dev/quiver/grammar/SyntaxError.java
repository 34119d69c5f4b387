package dev.quiver.grammar;

/**
 * A text that does not parse. Carries the 1-based line and column of the offending token and, when the
 * parser knows it, what was expected there. Prints as {@code line L:C: message}.
 */
public final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String detail;

  public SyntaxError(String detail, int line, int column) {
    super("line " + line + ":" + column + ": " + detail);
    this.detail = detail;
    this.line = line;
    this.column = column;
  }

  /** The message without the position prefix. */
  public String detail() {
    return detail;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
