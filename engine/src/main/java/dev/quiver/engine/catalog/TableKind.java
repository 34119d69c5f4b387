package dev.quiver.engine.catalog;

import java.util.List;

/** Whether a table holds nodes or edges. */
public enum TableKind {
  NODE("node:", List.of("id")),
  EDGE("edge:", List.of("id", "src", "dst"));

  private final String keyPrefix;
  private final List<String> systemColumns;

  TableKind(String keyPrefix, List<String> systemColumns) {
    this.keyPrefix = keyPrefix;
    this.systemColumns = systemColumns;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public List<String> systemColumns() {
    return systemColumns;
  }

  /** The lower-case word used in docs and system tables: {@code node} or {@code edge}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
