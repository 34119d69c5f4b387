package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

/**
 * One index optimize keeps on a table: a column and the kind of index over it ({@code docs/indexes.md}).
 *
 * @param column the indexed column
 * @param kind the kind of index
 */
public record IndexSpec(String column, Kind kind) {
  /** The index kinds Quiver builds. */
  public enum Kind {
    /** Lance's BTREE: equality and range filters. */
    BTREE("_idx"),
    /** Lance's INVERTED (full-text) index over a String column. */
    INVERTED("_fts"),
    /** Lance's IVF_FLAT (L2) over a {@code Vector(n)} column: k-nearest-neighbour queries. */
    IVF_FLAT("_ivf");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  /** A vector column with fewer non-null values than this gets no IVF index (k-means needs data). */
  public static final long MIN_VECTOR_ROWS = 256;
  /** The IVF partition count is one per this many non-null vectors, between 1 and {@link #MAX_PARTITIONS}. */
  public static final long ROWS_PER_PARTITION = 4096;
  /** The largest IVF partition count. */
  public static final int MAX_PARTITIONS = 256;

  public IndexSpec {
    requireNonNull(column, "column is null");
    requireNonNull(kind, "kind is null");
  }

  public static IndexSpec btree(String column) {
    return new IndexSpec(column, Kind.BTREE);
  }

  /** The index name: {@code <column>_idx} (BTREE), {@code <column>_fts} (INVERTED), {@code <column>_ivf}. */
  public String name() {
    return column + kind.suffix;
  }

  /** IVF partitions for a vector column with {@code rows} non-null values: max(1, min(256, rows / 4096)). */
  public static int partitions(long rows) {
    return (int) Math.max(1, Math.min(MAX_PARTITIONS, rows / ROWS_PER_PARTITION));
  }
}
