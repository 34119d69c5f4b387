package dev.quiver.grammar.schema;

import java.util.Locale;

/** The constraint names of the language. Only KEY, UNIQUE and INDEX have a property-level form. */
public enum ConstraintKind {
  KEY,
  UNIQUE,
  INDEX,
  RANGE,
  CHECK;

  /** The spelling in a {@code .pg} text, e.g. {@code @key}. */
  public String spelling() {
    return "@" + name().toLowerCase(Locale.ROOT);
  }
}
