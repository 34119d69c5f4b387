package dev.quiver.grammar.ast;

/** How {@code load} treats ids that already exist. */
public enum LoadMode {
  /** Strict insert: an existing id is an error. */
  APPEND,
  /** Upsert. */
  MERGE,
  /** Replace the touched types. */
  OVERWRITE;

  /** The keyword as written in {@code .gq}. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
