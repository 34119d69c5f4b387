package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An index of one table at a graph version, as {@code DatabaseMetaData.getIndexInfo} reports it. Indexes are
 * derived state: {@code optimize} builds them (see {@code docs/indexes.md}); queries are correct without them.
 *
 * @param tableKey the manifest key of the table ({@code node:Person})
 * @param name the index name: {@code <column>_idx} (BTREE), {@code <column>_fts} (INVERTED), {@code
 *     <column>_ivf} (IVF_FLAT)
 * @param columns the indexed columns, in order (one for every index Quiver builds)
 * @param type the index type in upper case: {@code BTREE}, {@code INVERTED} or {@code IVF_FLAT}
 * @param unique whether the indexed column is unique by declaration ({@code id}, a one-member {@code @key} or
 *     a one-member {@code @unique})
 */
public record IndexInfo(String tableKey, String name, List<String> columns, String type, boolean unique) {
  public IndexInfo {
    requireNonNull(tableKey, "tableKey is null");
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(type, "type is null");
  }
}
