package dev.quiver.grammar.ast;

/** Operators of mutation predicates (the six comparisons) and read filters (those plus the text tests). */
public enum Operator {
  EQUAL("="),
  NOT_EQUAL("!="),
  LESS_THAN("<"),
  LESS_THAN_OR_EQUAL("<="),
  GREATER_THAN(">"),
  GREATER_THAN_OR_EQUAL(">="),
  /** List membership, or substring of a String. Filters only. */
  CONTAINS("contains"),
  /** Prefix of a String. Filters only. */
  STARTS_WITH("starts_with");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in {@code .gq}. */
  public String symbol() {
    return symbol;
  }

  /** Whether the operator may appear in a mutation predicate. */
  public boolean isComparison() {
    return this != CONTAINS && this != STARTS_WITH;
  }

  /** The operator written {@code symbol}. */
  public static Operator fromSymbol(String symbol) {
    for (Operator operator : values()) {
      if (operator.symbol.equals(symbol)) {
        return operator;
      }
    }
    throw new IllegalArgumentException("operator '" + symbol + "' is unknown");
  }
}
