package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.Catalog;
import java.util.Map;

/**
 * One published graph version: its catalog and the Lance version of every table it pins. Readers read
 * exactly these table versions, never a table's Lance HEAD (invariant 2).
 */
public record Snapshot(long graphVersion, Catalog catalog, Map<String, Long> tableVersions) {
  public Snapshot {
    requireNonNull(catalog, "catalog is null");
    tableVersions = Map.copyOf(requireNonNull(tableVersions, "tableVersions is null"));
  }

  /** The pinned Lance version of a table, by manifest key ({@code node:Person}). */
  public long tableVersion(String tableKey) {
    Long version = tableVersions.get(tableKey);
    if (version == null) {
      throw new GraphException(ErrorCode.INTERNAL, "graph version " + graphVersion + " pins no table '" + tableKey + "'");
    }
    return version;
  }
}
