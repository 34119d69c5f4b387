package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/** A body constraint of a type (property-level {@code @key}/{@code @unique}/{@code @index} are desugared). */
public sealed interface Constraint {

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
