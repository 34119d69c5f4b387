package dev.quiver.engine.catalog;

/**
 * {@code @card(min..max)} of an edge: bounds on the out-edge count per source node. {@code max} is -1 when
 * unbounded. The default is {@code 0..*}.
 */
public record Cardinality(long min, long max) {
  public static final Cardinality ANY = new Cardinality(0, -1);

  public Cardinality {
    if (min < 0) {
      throw new IllegalArgumentException("cardinality min must not be negative");
    }
    if (max != -1 && max < min) {
      throw new IllegalArgumentException("cardinality min (" + min + ") exceeds max (" + max + ")");
    }
  }

  public boolean unbounded() {
    return max == -1;
  }
}
