package dev.quiver.grammar.ast;

/** Where a node starts in the statement text: 1-based line and column. */
public record SourceSpan(int line, int column) {
  public SourceSpan {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("source span " + line + ":" + column + " is not 1-based");
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
