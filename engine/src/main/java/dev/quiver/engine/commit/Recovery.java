package dev.quiver.engine.commit;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.RecoveryRecord;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.TableStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finishes or undoes graph commits that were interrupted after writing their recovery record (invariant 3).
 * For each record, oldest first, against a fresh manifest: if the publish already happened, the record is
 * only removed; if every table landed exactly on its planned version and the manifest is still at the
 * record's start version, the commit is <em>rolled forward</em> with one publish of the planned pins (its
 * original actor and kind); otherwise it is <em>rolled back</em>: every moved table is restored to its
 * published content and the restored HEADs are published (actor {@code quiver:recovery}, kind {@code
 * recovery}), so manifest == HEAD afterwards. A HEAD behind its pin is refused loudly and the record kept.
 * Each recovery publish carries its audit row ({@link RecoveryRecord}). Call everything holding the gate.
 */
final class Recovery {
  static final String ACTOR = "quiver:recovery";
  static final String KIND = "recovery";
  private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

  /** What to do with one record. */
  enum Decision {
    /** The publish happened; only the record removal was lost. */
    PUBLISHED,
    /** Every table is exactly at its planned version: publish them. */
    ROLL_FORWARD,
    /** Anything else: restore the moved tables and publish the restored HEADs. */
    ROLL_BACK
  }

  private final Path root;
  private final TableStore tables;
  private final ManifestStore manifest;
  private final RecoveryRecords records;

  Recovery(Path root, TableStore tables, ManifestStore manifest, RecoveryRecords records) {
    this.root = requireNonNull(root, "root is null");
    this.tables = requireNonNull(tables, "tables is null");
    this.manifest = requireNonNull(manifest, "manifest is null");
    this.records = requireNonNull(records, "records is null");
  }

  /** The read-write open: every pending record is rolled forward, rolled back, or refused. */
  void sweep() {
    recover(true);
  }

  /**
   * Before a write on a live handle: rolls forward what it safely can. A record that needs a roll back fails
   * the write: restoring tables under live handles could undo a commit that a writer we cannot see (outside
   * our lock, e.g. on a file system whose locks are not shared) believes it made; a roll forward only
   * publishes versions the record proves complete, so it can undo nothing.
   */
  void healBeforeWrite() {
    recover(false);
  }

  private void recover(boolean mayRollBack) {
    for (RecoveryRecords.Pending pending : records.pending()) {
      ManifestState current = manifest.read();
      PendingCommit commit = pending.commit();
      switch (classify(commit, current)) {
        case PUBLISHED -> removePublished(commit);
        case ROLL_FORWARD -> rollForward(commit, current);
        case ROLL_BACK -> {
          if (!mayRollBack) {
            throw new GraphException(
                ErrorCode.RECOVERY_REQUIRED,
                "an interrupted commit by '"
                    + commit.actor()
                    + "' (recovery record "
                    + pending.file()
                    + ") must be rolled back; close every connection to the graph and reopen it read-write");
          }
          rollBack(commit, current);
        }
      }
    }
  }

  /**
   * Classifies a record against the latest manifest.
   *
   * @throws GraphException {@link ErrorCode#STORAGE_FAILURE} when a table's HEAD is behind its pin or a pinned
   *     table is missing: nothing is guessed and the record is kept
   */
  Decision classify(PendingCommit commit, ManifestState current) {
    if (current.version() > commit.graphVersion() && publishedBy(commit)) {
      return Decision.PUBLISHED;
    }
    boolean forward = current.version() == commit.graphVersion() && !commit.abandoned();
    for (PendingCommit.PlannedTable table : commit.tables()) {
      Long pin = current.tables().get(table.table());
      if (!tables.exists(table.table())) {
        if (pin != null) {
          throw refuse(commit, "table '" + table.table() + "' is pinned at version " + pin + " but does not exist");
        }
        forward = false;
        continue;
      }
      long head = tables.head(table.table());
      if (pin != null && head < pin) {
        throw refuse(
            commit, "table '" + table.table() + "' is at version " + head + ", behind its published version " + pin);
      }
      boolean pinnedAsExpected = table.created() ? pin == null : pin != null && pin == table.expected();
      forward &= pinnedAsExpected && head == table.planned();
    }
    return forward ? Decision.ROLL_FORWARD : Decision.ROLL_BACK;
  }

  /** Whether graph version {@code start + 1} pins every planned version of the record. */
  private boolean publishedBy(PendingCommit commit) {
    ManifestState next;
    try {
      next = manifest.read(commit.graphVersion() + 1);
    } catch (GraphException e) {
      throw refuse(commit, "graph version " + (commit.graphVersion() + 1) + " cannot be read: " + e.getMessage());
    }
    for (PendingCommit.PlannedTable table : commit.tables()) {
      Long pin = next.tables().get(table.table());
      if (pin == null || pin != table.planned()) {
        return false;
      }
    }
    return true;
  }

  private GraphException refuse(PendingCommit commit, String why) {
    return new GraphException(
        ErrorCode.STORAGE_FAILURE,
        "cannot recover the interrupted commit of recovery record "
            + records.file(commit.id())
            + ": "
            + why
            + "; the record is kept for an operator");
  }

  private void removePublished(PendingCommit commit) {
    LOG.log(Level.INFO, "commit of recovery record {0} was published; removing the record", commit.id());
    records.remove(commit.id());
  }

  /** Publishes the planned versions of a complete commit, as its original actor and kind. */
  ManifestState rollForward(PendingCommit commit, ManifestState current) {
    Map<String, Long> pins = new TreeMap<>(current.tables());
    for (PendingCommit.PlannedTable table : commit.tables()) {
      pins.put(table.table(), table.planned());
    }
    // The interrupted writer may have died before its fsync (or used durability=process).
    Map<String, CommitSync.Added> added = new TreeMap<>();
    for (PendingCommit.PlannedTable table : commit.tables()) {
      // from the expected pin: the interrupted writer's drift-repair restores (expected + 1 .. base) too
      added.put(table.table(), CommitSync.Added.unknownFiles(table.expected(), table.planned()));
    }
    CommitSync.syncTables(root, tables, added, 0, true);
    FailPoints.hit(FailPoint.RECOVERY_BEFORE_PUBLISH);
    long since = System.currentTimeMillis();
    ManifestState published =
        manifest.publishRecovery(
            current.version(),
            pins,
            commit.schemaText() != null ? commit.schemaText() : current.schemaText(),
            ACTOR, // SPEC §7: every recovery outcome is a commit by quiver:recovery
            KIND,
            commit.tableKeys(),
            RecoveryRecord.ROLLED_FORWARD,
            commit.actor()); // QUIVER.recoveries keeps whose commit it was
    CommitSync.syncManifest(manifest, current.version(), published.version(), since);
    LOG.log(
        Level.WARNING,
        "rolled forward the interrupted commit of {0} (recovery record {1}) as graph version {2}",
        new Object[] {commit.actor(), commit.id(), published.version()});
    records.remove(commit.id());
    return published;
  }

  /**
   * Restores every table the commit moved to its content at the current manifest's pin (a table the manifest
   * does not pin is removed) and publishes the restored HEADs, so manifest == HEAD afterwards. Idempotent: a
   * crash halfway leaves the record, and the next recovery restores again.
   */
  ManifestState rollBack(PendingCommit commit, ManifestState current) {
    long since = System.currentTimeMillis();
    Map<String, Long> pins = new TreeMap<>(current.tables());
    boolean removedTables = false;
    Map<String, CommitSync.Added> added = new TreeMap<>();
    for (PendingCommit.PlannedTable table : commit.tables()) {
      Long pin = current.tables().get(table.table());
      if (pin == null) {
        if (Files.exists(tables.tablePath(table.table()))) {
          removeUnpublishedTable(tables, table.table());
          removedTables = true;
        }
        continue;
      }
      long head = tables.head(table.table());
      if (head > pin) {
        long restored = tables.restore(table.table(), pin);
        pins.put(table.table(), restored);
        // every version above the pin, the torn writer's included: all may be listed by Lance later
        added.put(table.table(), new CommitSync.Added(pin, restored, Optional.of(List.of())));
      }
    }
    CommitSync.syncTables(root, tables, added, since, removedTables);
    FailPoints.hit(FailPoint.RECOVERY_BEFORE_PUBLISH);
    since = System.currentTimeMillis();
    ManifestState published =
        manifest.publishRecovery(
            current.version(),
            pins,
            current.schemaText(),
            ACTOR,
            KIND,
            commit.tableKeys(),
            RecoveryRecord.ROLLED_BACK,
            commit.actor());
    CommitSync.syncManifest(manifest, current.version(), published.version(), since);
    LOG.log(
        Level.WARNING,
        "rolled back the interrupted commit of {0} (recovery record {1}) as graph version {2}",
        new Object[] {commit.actor(), commit.id(), published.version()});
    records.remove(commit.id());
    return published;
  }

  /** A table directory that no manifest pins is the leftover of a create that never published. */
  static void removeUnpublishedTable(TableStore tables, String tableKey) {
    Path directory = tables.tablePath(tableKey);
    try (Stream<Path> walk = Files.walk(directory)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new GraphException(
          ErrorCode.STORAGE_FAILURE, "removing the unpublished table '" + tableKey + "' failed: " + e, e);
    }
  }
}
