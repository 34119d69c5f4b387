package dev.quiver.engine.maintenance;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ConflictException;
import dev.quiver.engine.Durability;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.commit.GraphCommitter;
import dev.quiver.engine.storage.CleanupStats;
import dev.quiver.engine.storage.IndexSpec;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code optimize} and {@code cleanup} of one graph (decision 0003, {@code docs/maintenance.md}).
 *
 * <p>Optimize stages, outside the commit gate, a compaction or the missing indexes of every table that needs
 * them, against the latest snapshot's pins, and publishes them as ONE graph commit of kind {@code optimize}
 * through the ordinary committer: readers keep reading the old pins until that publish, and a crash is
 * finished or undone like any commit (invariant 3). Cleanup runs entirely under the gate.
 */
public final class Maintenance {
  /** What a maintenance statement did: its count and the graph version afterwards. */
  public record Outcome(long count, long graphVersion) {}

  /** The default of {@code cleanup}'s {@code keep}. */
  public static final int DEFAULT_KEEP = 10;

  private static final Logger LOG = Logger.getLogger(Maintenance.class.getName());
  /** Optimize restages when a concurrent commit moved a table it staged against. */
  private static final int OPTIMIZE_ATTEMPTS = 3;

  private Maintenance() {}

  /**
   * Compacts every table that has small fragments or many deleted rows, builds declared indexes that are
   * missing or do not cover every fragment, and publishes the changed tables in one graph commit. Nothing to
   * do publishes nothing.
   *
   * @return the number of tables whose version moved, and the graph version afterwards
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} while a recovery record is pending
   */
  public static Outcome optimize(GraphStore store, String actor, Durability durability) {
    return optimize(store, actor, durability, false);
  }

  /**
   * Automatic compaction: like {@link #optimize}, but merges only each table's small fragments and leaves
   * indexes alone when the merged fragments were not indexed (TableStore#stageSmallCompaction), so it costs
   * what the small commits wrote, not the size of the table.
   */
  public static Outcome compactSmallFragments(GraphStore store, String actor, Durability durability) {
    return optimize(store, actor, durability, true);
  }

  private static Outcome optimize(GraphStore store, String actor, Durability durability, boolean smallOnly) {
    requireNonNull(actor, "actor is null");
    requireNonNull(durability, "durability is null");
    GraphCommitter committer = store.committer();
    TableStore tables = store.tableStore();
    for (int attempt = 1; ; attempt++) {
      committer.holdForMaintenance(GraphCommitter.OPTIMIZE, () -> null); // fail fast, before any staging
      Snapshot snapshot = store.snapshot();
      List<StagedWrite> writes = new ArrayList<>();
      Map<String, Long> expected = new LinkedHashMap<>();
      for (TableType type : snapshot.catalog().tables()) {
        String tableKey = type.tableKey();
        long pin = snapshot.tableVersion(tableKey);
        List<IndexSpec> indexes = IndexPlan.specs(type);
        (smallOnly ? tables.stageSmallCompaction(tableKey, pin, indexes) : tables.stageOptimize(tableKey, pin, indexes))
            .ifPresent(
                write -> {
                  writes.add(write);
                  expected.put(tableKey, pin);
                });
      }
      if (writes.isEmpty()) {
        return new Outcome(0, snapshot.graphVersion());
      }
      try {
        CommitRequest request = new CommitRequest(actor, GraphCommitter.OPTIMIZE, expected, -1, writes, null, durability);
        // The cache is carried while the commit still holds the gate: a commit that follows at once must find
        // the entry of the version this one published, or the entry is lost.
        ManifestState published =
            committer.commit(request, (before, done) -> carryRowCache(store, before, done, expected.keySet()));
        return new Outcome(writes.size(), store.remember(published).graphVersion());
      } catch (ConflictException conflict) {
        if (attempt >= OPTIMIZE_ATTEMPTS) {
          throw conflict;
        }
        // The staged files of this attempt are orphans now; cleanup reclaims them.
        LOG.log(Level.FINE, "optimize lost a commit race; staging again", conflict);
      }
    }
  }

  /**
   * Compaction and index builds change no row of a table: the cached rows of the version an optimize replaced
   * are the new version's.
   * The commit may have moved a compaction onto a newer pin (GraphCommitter#rebaseCompactions), so the
   * replaced version is the pin of the manifest the commit went on. The merged rows keep their relative order
   * but Lance may place the merged fragment after fragments that followed them, so the carried entry's order
   * can differ from a later scan's for IN lookups (docs/caches.md).
   */
  private static void carryRowCache(
      GraphStore store, ManifestState before, ManifestState published, java.util.Set<String> tableKeys) {
    for (String tableKey : tableKeys) {
      Long from = before.tables().get(tableKey);
      Long to = published.tables().get(tableKey);
      if (from != null && to != null) {
        store.rowCache().advance(tableKey, from, to, List.of(), List.of(), List.of());
      }
    }
  }

  /**
   * Removes old table versions and orphaned files while keeping every table version that the latest {@code
   * keep} graph versions pin, and removes graph versions older than those.
   *
   * @return the number of files removed (see {@link CleanupStats#files()}) and the graph version (unchanged)
   * @throws GraphException {@link ErrorCode#INVALID_VALUE} when {@code keep < 1}; {@link
   *     ErrorCode#RECOVERY_REQUIRED} while a recovery record is pending
   */
  public static Outcome cleanup(GraphStore store, long keep) {
    if (keep < 1) {
      throw new GraphException(ErrorCode.INVALID_VALUE, "cleanup must keep at least 1 graph version, not " + keep);
    }
    CleanupStats removed =
        store.committer().holdForMaintenance("cleanup", () -> cleanupHoldingGate(store, keep));
    LOG.log(
        Level.INFO,
        "cleanup removed {0} versions, {1} files, {2} bytes",
        new Object[] {removed.versions(), removed.files(), removed.bytes()});
    return new Outcome(removed.files(), store.snapshot().graphVersion());
  }

  private static CleanupStats cleanupHoldingGate(GraphStore store, long keep) {
    ManifestState latest = store.manifest().read();
    long firstKept = Math.max(1, latest.version() - keep + 1);
    // The oldest version of each table that a kept graph version pins: nothing at or above it is removed.
    Map<String, Long> keepFrom = new TreeMap<>(latest.tables());
    for (long version = firstKept; version < latest.version(); version++) {
      ManifestState kept;
      try {
        kept = store.manifest().read(version);
      } catch (GraphException e) {
        continue; // removed by an earlier cleanup with a smaller keep
      }
      for (Map.Entry<String, Long> pin : kept.tables().entrySet()) {
        keepFrom.computeIfPresent(pin.getKey(), (k, from) -> Math.min(from, pin.getValue()));
      }
    }
    CleanupStats total = CleanupStats.NONE;
    for (Map.Entry<String, Long> table : keepFrom.entrySet()) {
      total = total.plus(store.tableStore().cleanup(table.getKey(), table.getValue()));
    }
    return total.plus(store.manifest().cleanup(firstKept));
  }
}
