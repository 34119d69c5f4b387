package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/** A body constraint of a type (property-level {@code @key}/{@code @unique}/{@code @index} are desugared). */
public sealed interface Constraint {

  /** As written in a {@code .pg} body, e.g. {@code @unique(a, b)} or {@code @range(age, 0..150)}. */
  default String render() {
    if (this instanceof Unique) {
      return "@unique(" + String.join(", ", ((Unique) this).properties()) + ")";
    }
    if (this instanceof Index) {
      return "@index(" + String.join(", ", ((Index) this).properties()) + ")";
    }
    if (this instanceof Range) {
      Range range = (Range) this;
      String min = range.min() == null ? "" : range.min().toPlainString();
      String max = range.max() == null ? "" : range.max().toPlainString();
      return "@range(" + range.property() + ", " + min + ".." + max + ")";
    }
    Check check = (Check) this;
    return "@check(" + check.property() + ", \"" + check.pattern() + "\")";
  }

  /** {@code @unique(a, b)}: composite uniqueness; rows with a NULL member are exempt. */
  record Unique(List<String> properties) implements Constraint {
    public Unique {
      properties = List.copyOf(requireNonNull(properties, "properties is null"));
    }
  }

  /** {@code @index(a)}: index intent only; never affects correctness. */
  record Index(List<String> properties) implements Constraint {
    public Index {
      properties = List.copyOf(requireNonNull(properties, "properties is null"));
    }
  }

  /** {@code @range(p, min..max)}: inclusive numeric bounds; a null bound is open. */
  record Range(String property, BigDecimal min, BigDecimal max) implements Constraint {
    public Range {
      requireNonNull(property, "property is null");
    }
  }

  /** {@code @check(p, "regex")}: an unanchored regex search over String values. */
  record Check(String property, String pattern) implements Constraint {
    public Check {
      requireNonNull(property, "property is null");
      requireNonNull(pattern, "pattern is null");
    }
  }
}
