package dev.quiver.engine.tx;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Durability;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.view.RowCache;
import dev.quiver.engine.view.ReadView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One transaction: the snapshot captured at its first statement, the table versions it read or wrote, and its
 * pending writes. Nothing reaches a table's Lance HEAD before {@link #commit} (invariant 1). Not thread-safe.
 */
public final class Transaction {
  /** D₂: a transaction is constructive or destructive, never both. */
  public enum Mode {
    EMPTY,
    WRITES,
    DELETES
  }

  private final GraphStore store;
  private Snapshot snapshot;
  private final Map<String, PendingTable> pending = new LinkedHashMap<>();
  private final Map<String, Long> reads = new HashMap<>();
  private Mode mode = Mode.EMPTY;
  private DeleteHistory deletes = new DeleteHistory();
  /** Undo actions for the pending writes of the current statement text, newest first. */
  private final java.util.ArrayDeque<Runnable> undo = new java.util.ArrayDeque<>();

  public Transaction(GraphStore store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** The snapshot this transaction reads, captured at first use. */
  public Snapshot snapshot() {
    if (snapshot == null) {
      snapshot = store.snapshot();
    }
    return snapshot;
  }

  public boolean started() {
    return snapshot != null;
  }

  public Mode mode() {
    return mode;
  }

  public void mode(Mode mode) {
    this.mode = requireNonNull(mode, "mode is null");
  }

  /** The rows this transaction sees: committed at its snapshot, overlaid with its pending writes. */
  public ReadView view() {
    return new TransactionView(this);
  }

  /** The delete predicates applied so far (for distinct delete counts). */
  public DeleteHistory deletes() {
    return deletes;
  }

  public boolean hasPendingWrites() {
    return pending.values().stream().anyMatch(table -> !table.isEmpty());
  }

  // ---- pending writes (used by the mutation executor) ----

  /** Puts the newest full row of an id (invariant 7). {@code replacesCommitted}: the id may exist already. */
  public void putRow(TableType type, Map<String, Object> row, boolean replacesCommitted) {
    PendingTable table = table(type);
    String id = (String) row.get("id");
    Map<String, Object> previous = table.rows.put(id, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    boolean previouslyReplaces = table.replacesCommitted;
    table.replacesCommitted |= replacesCommitted;
    undo.push(
        () -> {
          if (previous == null) {
            table.rows.remove(id);
          } else {
            table.rows.put(id, previous);
          }
          table.replacesCommitted = previouslyReplaces;
        });
  }

  /** Marks committed rows deleted. Returns the ids that were not already deleted. */
  public List<String> delete(TableType type, List<String> ids) {
    PendingTable table = table(type);
    List<String> added = new ArrayList<>();
    for (String id : ids) {
      if (table.deleted.add(id)) {
        added.add(id);
      }
    }
    undo.push(() -> added.forEach(table.deleted::remove));
    return added;
  }

  /** The pending full row of an id, if this transaction wrote one. */
  public Optional<Map<String, Object>> pendingRow(String tableKey, String id) {
    PendingTable table = pending.get(tableKey);
    return table == null ? Optional.empty() : Optional.ofNullable(table.rows.get(id));
  }

  /** Ids this transaction deleted from a table. */
  public java.util.Set<String> deletedIds(String tableKey) {
    PendingTable table = pending.get(tableKey);
    return table == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(table.deleted);
  }

  PendingTable pendingTable(String tableKey) {
    return pending.get(tableKey);
  }

  private PendingTable table(TableType type) {
    PendingTable table = pending.get(type.tableKey());
    if (table == null) {
      table = new PendingTable(type, snapshot().tableVersion(type.tableKey()));
      pending.put(type.tableKey(), table);
      undo.push(() -> pending.remove(type.tableKey()));
    }
    return table;
  }

  void recordRead(String tableKey) {
    reads.putIfAbsent(tableKey, snapshot().tableVersion(tableKey));
  }

  // ---- statement atomicity ----

  /**
   * Marks the start of a statement text. The pending writes the text makes are logged so {@link #restore}
   * can undo them (cheap: no copy of what earlier texts wrote).
   */
  public Checkpoint checkpoint() {
    undo.clear();
    return new Checkpoint(new HashMap<>(reads), mode, deletes.copy());
  }

  /** Undoes everything since the checkpoint. */
  public void restore(Checkpoint checkpoint) {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
    reads.clear();
    reads.putAll(checkpoint.reads);
    mode = checkpoint.mode;
    deletes = checkpoint.deletes.copy();
  }

  /** The small state of a transaction at the start of a statement text. */
  public static final class Checkpoint {
    private final Map<String, Long> reads;
    private final Mode mode;
    private final DeleteHistory deletes;

    private Checkpoint(Map<String, Long> reads, Mode mode, DeleteHistory deletes) {
      this.reads = reads;
      this.mode = mode;
      this.deletes = deletes;
    }
  }

  // ---- commit ----

  /**
   * Stages every touched table and publishes one graph version. A transaction that changed nothing publishes
   * nothing and returns empty (invariant 5). The transaction is finished either way.
   *
   * @throws dev.quiver.engine.ConflictException when another commit moved a table it read or wrote
   */
  public Optional<Snapshot> commit(String actor, Durability durability) {
    try {
      if (!hasPendingWrites()) {
        return Optional.empty();
      }
      dev.quiver.engine.Cancellation.check();
      TableStore tables = store.tableStore();
      BufferAllocator allocator = tables.allocator();
      List<StagedWrite> writes = new ArrayList<>();
      RowCache cache = store.rowCache();
      List<CacheAdvance> advances = new ArrayList<>();
      for (PendingTable table : pending.values()) {
        String key = table.type.tableKey();
        boolean cached = cache.holds(key, table.expectedVersion);
        if (!table.rows.isEmpty()) {
          List<Map<String, Object>> rows = new ArrayList<>(table.rows.values());
          // A keyed insert may replace a committed row, so it is staged as an upsert, which must locate the
          // rows it replaces by a scan; when the cached version shows none of the ids exists, an append does.
          boolean upsert =
              table.replacesCommitted
                  && !Boolean.FALSE.equals(cache.containsAny(key, table.expectedVersion, table.rows.keySet()));
          try (VectorSchemaRoot batch = ArrowRows.toArrow(table.type.arrowSchema(), rows, allocator)) {
            writes.add(
                upsert
                    ? tables.stageUpsert(key, table.expectedVersion, batch)
                    : tables.stageAppend(key, table.expectedVersion, batch));
            advances.add(
                new CacheAdvance(
                    key,
                    table.expectedVersion,
                    upsert ? List.copyOf(table.rows.keySet()) : List.of(),
                    RowCache.columnsOf(batch),
                    cached ? RowCache.rowsOf(batch) : null)); // rows are read back only for a cached version
          }
        } else if (!table.deleted.isEmpty()) {
          tables
              .stageDelete(key, table.expectedVersion, new Filter.In("id", List.copyOf(table.deleted)))
              .ifPresent(writes::add);
          advances.add(
              new CacheAdvance(key, table.expectedVersion, List.copyOf(table.deleted), List.of(), cached ? List.of() : null));
        }
      }
      if (writes.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Long> expected = new HashMap<>(reads);
      for (PendingTable table : pending.values()) {
        if (!table.isEmpty()) {
          expected.put(table.type.tableKey(), table.expectedVersion);
        }
      }
      String kind = "mutation";
      dev.quiver.engine.Cancellation.check(); // the last point at which a commit can be stopped cleanly
      // The cache is carried while the commit holds the gate, before another commit can build on this one.
      ManifestState published =
          store.committer().commit(
              new CommitRequest(actor, kind, expected, -1, writes, null, durability),
              (before, done) -> {
                for (CacheAdvance advance : advances) {
                  Long to = done.tables().get(advance.tableKey());
                  if (to != null) {
                    cache.advance(
                        advance.tableKey(), advance.from(), to, advance.removed(), advance.columns(), advance.appended());
                  }
                }
              });
      return Optional.of(store.remember(published));
    } finally {
      clear();
    }
  }

  /** What a commit tells the row cache about one table (see {@link RowCache#advance}). */
  private record CacheAdvance(String tableKey, long from, List<String> removed, List<String> columns, List<Object[]> appended) {}

  /** Discards everything: pending writes, reads and the snapshot. */
  public void clear() {
    pending.clear();
    reads.clear();
    snapshot = null;
    mode = Mode.EMPTY;
    deletes.clear();
    undo.clear();
  }

  GraphStore store() {
    return store;
  }

  static GraphException internal(String message) {
    return new GraphException(ErrorCode.INTERNAL, message);
  }
}
