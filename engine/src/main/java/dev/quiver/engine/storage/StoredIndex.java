package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An index of a table version as Lance describes it.
 *
 * @param name the index name ({@code <column>_idx} for the indexes Quiver builds)
 * @param columns the indexed columns
 * @param type Lance's index type name, e.g. {@code BTree}
 * @param rowsIndexed rows the index covers (rows of fragments appended after it are scanned, not indexed)
 */
public record StoredIndex(String name, List<String> columns, String type, long rowsIndexed) {
  public StoredIndex {
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(type, "type is null");
  }
}
