package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

/**
 * The one exception the engine throws. It carries an {@link ErrorCode} and, for errors in a text, the
 * 1-based line and column of the offending token (0 when the error has no position).
 */
public class GraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int line;
  private final int column;

  public GraphException(ErrorCode code, String message) {
    this(code, message, 0, 0, null);
  }

  public GraphException(ErrorCode code, String message, Throwable cause) {
    this(code, message, 0, 0, cause);
  }

  public GraphException(ErrorCode code, String message, int line, int column, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
    this.line = line;
    this.column = column;
  }

  public ErrorCode code() {
    return code;
  }

  /** 1-based line of the error in the statement text, or 0. */
  public int line() {
    return line;
  }

  /** 1-based column of the error in the statement text, or 0. */
  public int column() {
    return column;
  }
}
