package dev.quiver.engine.view;

import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.storage.TableStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Version-pinned adjacency lists of edge tables for traversals: for one (edge table, Lance version,
 * direction), every node's neighbours, in the order a scan of the table returns its edges. A Lance version
 * never changes, so an entry is never stale; a commit makes it obsolete by pinning a new version. Built by one
 * scan of the two endpoint columns once a version has been asked {@link #BUILD_AFTER_PROPERTY} times (a
 * traversal asks once per hop), shared by every connection of a graph, evicted least-recently-used within
 * {@link #BOUND_PROPERTY} bytes (estimated); a version larger than the bound is remembered as too large and
 * traversed by scans as before. Thread-safe.
 *
 * <p>Without it each hop of a variable-length traversal is a Lance scan of the edge table with the frontier
 * pushed as an {@code IN} list: two hops from 200 persons over 500,000 edges took seconds, where the lists in
 * memory take microseconds a hop.
 */
public final class AdjacencyCache {
  /** System property: the bound in bytes (default 256 MiB; 0 disables the cache). */
  public static final String BOUND_PROPERTY = "quiver.adjacencyCache.maxBytes";
  /** System property: traversal hops over one table version before its lists are built (default 2). */
  public static final String BUILD_AFTER_PROPERTY = "quiver.adjacencyCache.buildAfter";
  static final long DEFAULT_BOUND = 256L << 20;

  private record Key(String tableKey, long version, String from, String to) {}

  /** Neighbours by node, or a marker that the version is too large to hold ({@code lists == null}). */
  private record Entry(Map<String, List<String>> lists, long bytes) {}

  /** One table version's neighbour lists in one direction. */
  public interface Adjacency {
    /** The neighbours of {@code node}, in scan order, with repeats for parallel edges (empty for none). */
    List<String> neighbours(String node);
  }

  private final VersionedEntries<Key, Entry> entries;

  public AdjacencyCache(long maxBytes, int buildAfter) {
    this.entries = new VersionedEntries<>(maxBytes, buildAfter, Entry::bytes);
  }

  /** A cache configured by the system properties. */
  public static AdjacencyCache configured() {
    return new AdjacencyCache(Long.getLong(BOUND_PROPERTY, DEFAULT_BOUND), Integer.getInteger(BUILD_AFTER_PROPERTY, 2));
  }

  public long maxBytes() {
    return entries.maxBytes();
  }

  /** The estimated bytes held now (never above {@link #maxBytes()}). */
  public long usedBytes() {
    return entries.usedBytes();
  }

  /**
   * The lists from column {@code from} to column {@code to} of a table version, or null when they are not
   * (yet) built or too large: the caller scans instead.
   */
  public Adjacency lookup(TableStore tables, String tableKey, long version, String from, String to) {
    if (entries.maxBytes() == 0) {
      return null;
    }
    Entry entry = entries.get(new Key(tableKey, version, from, to), key -> build(tables, key));
    if (entry == null || entry.lists() == null) {
      return null;
    }
    Map<String, List<String>> lists = entry.lists();
    return node -> lists.getOrDefault(node, List.of());
  }

  private Entry build(TableStore tables, Key key) {
    Map<String, List<String>> lists = new HashMap<>();
    long bytes = 64;
    try (TableScan scan = tables.openScan(key.tableKey(), key.version(), List.of(key.from(), key.to()), null)) {
      while (scan.next()) {
        dev.quiver.engine.Cancellation.check();
        VectorSchemaRoot batch = scan.batch();
        FieldVector from = batch.getVector(key.from());
        FieldVector to = batch.getVector(key.to());
        for (int r = 0; r < batch.getRowCount(); r++) {
          Object a = ArrowValues.get(from, r);
          Object b = ArrowValues.get(to, r);
          if (!(a instanceof String source) || !(b instanceof String target)) {
            return new Entry(null, 64); // endpoints are never NULL; refuse to guess if they are
          }
          List<String> list = lists.get(source);
          if (list == null) {
            list = new ArrayList<>(2);
            lists.put(source, list);
            bytes += 120 + 2L * source.length(); // map slot, key string, list
          }
          list.add(target);
          bytes += 56 + 2L * target.length(); // list slot and the string
          if (bytes > entries.maxBytes()) {
            return new Entry(null, 64);
          }
        }
      }
    }
    lists.replaceAll((node, list) -> List.copyOf(list));
    return new Entry(lists, bytes);
  }
}
