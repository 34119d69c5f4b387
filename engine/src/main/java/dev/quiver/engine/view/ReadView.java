package dev.quiver.engine.view;

import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import java.util.List;

/**
 * The rows of each table as one reader sees them. Values follow the engine's Java value convention: String,
 * Boolean, Integer (I32), Long (I64, U32), BigInteger (U64), Float, Double, LocalDate (Date), Instant
 * (DateTime), byte[] (Blob), List (lists), float[] (vectors); NULL is null.
 */
public interface ReadView {

  /** The graph version this view reads (its catalog names the tables). */
  Snapshot snapshot();

  /**
   * Scans a table.
   *
   * @param tableKey {@code node:Person} or {@code edge:Knows}
   * @param columns the columns to return, in this order
   * @param filter a predicate every returned row satisfies (SQL three-valued logic: rows where it is NULL are
   *     not returned), or null for all rows
   */
  RowCursor scan(String tableKey, List<String> columns, Filter filter);

  /**
   * Every node's neighbours along an edge table (from column {@code from} to column {@code to}) as this view
   * sees them, when they are held in memory ({@link AdjacencyCache}); empty when the caller must scan.
   */
  default java.util.Optional<AdjacencyCache.Adjacency> adjacency(String tableKey, String from, String to) {
    return java.util.Optional.empty();
  }
}
