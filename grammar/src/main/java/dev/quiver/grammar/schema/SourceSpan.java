package dev.quiver.grammar.schema;

/** Where a construct starts in the schema text: 1-based line and column. */
public record SourceSpan(int line, int column) {
  public SourceSpan {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("position must be 1-based, got " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
