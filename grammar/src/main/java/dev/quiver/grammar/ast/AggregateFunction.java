package dev.quiver.grammar.ast;

/** The aggregate functions of a read's projections. */
public enum AggregateFunction {
  COUNT,
  SUM,
  AVG,
  MIN,
  MAX;

  /** The function name as written in {@code .gq}, and the default column label. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
