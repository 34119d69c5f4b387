package dev.quiver.engine.commit;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Cancellation;
import dev.quiver.engine.ConflictException;
import dev.quiver.engine.Durability;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.storage.AtomicFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns staged writes into one graph commit:
 *
 * <pre>
 * take the gate ─► roll forward pending recovery records ─► read the manifest ─► CAS on expected versions
 *   ─► repair drifted tables ─► write the recovery record (several tables, or a create)
 *   ─► commit each table (HEAD must land on base + 1) ─► fsync the tables ─► publish the manifest
 *   ─► fsync it ─► remove the recovery record ─► release
 * </pre>
 *
 * Invariants: no HEAD moves before this runs (1); all touched tables move in one publish or none do, and a
 * crash anywhere is finished or undone by the next read-write open from the recovery record (3); of
 * concurrent commits on a table exactly one wins (4); a table commit that does not land on base + 1 (base + 2
 * for a compaction that rebuilds indexes, decision 0003) is never published (10).
 *
 * <p>A commit of a single existing table writes no record: torn, it leaves at most one unpublished version on
 * that table, which readers never see (2) and the next writer's drift repair restores, and there is nothing
 * to keep consistent with another table. (Its interruption is therefore not listed in {@code
 * QUIVER.recoveries}.)
 */
public final class GraphCommitter {
  private static final Logger LOG = Logger.getLogger(GraphCommitter.class.getName());
  /** The commit kind of {@code optimize}: it refuses pending recovery records instead of healing them. */
  public static final String OPTIMIZE = "optimize";

  private final Path root;
  private final TableStore tables;
  private final ManifestStore manifest;
  private final CommitGate gate;
  private final RecoveryRecords records;
  private final Recovery recovery;

  public GraphCommitter(Path root, TableStore tables, ManifestStore manifest) {
    this.root = requireNonNull(root, "root is null");
    this.tables = requireNonNull(tables, "tables is null");
    this.manifest = requireNonNull(manifest, "manifest is null");
    this.gate = CommitGate.of(root);
    this.records = new RecoveryRecords(root);
    this.recovery = new Recovery(root, tables, manifest, records);
  }

  public CommitGate gate() {
    return gate;
  }

  /**
   * The read-write open's recovery: holding the gate, removes temporaries of interrupted atomic writes and
   * rolls every pending recovery record forward or back. Never call it on a read-only open, which must not
   * write (not even the lock file).
   *
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} naming the file when a record cannot be read,
   *     {@link ErrorCode#STORAGE_FAILURE} when a table is behind the manifest; the record is kept
   */
  public void recoverOnOpen() {
    gate.hold(
        () -> {
          int swept = AtomicFiles.sweepTemporaries(root) + records.sweepTemporaries();
          if (swept > 0) {
            LOG.log(Level.INFO, "removed {0} temporary files left in {1}", new Object[] {swept, root});
          }
          recovery.sweep();
          return null;
        });
  }

  /**
   * Runs maintenance ({@code optimize}'s preparation, {@code cleanup}) holding the gate, refused while any
   * recovery record is pending: a roll back needs the old table versions cleanup would remove, and optimize
   * must not publish over a commit nobody has finished or undone (reference semantics §3.11).
   *
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} when a record is pending
   */
  public <T> T holdForMaintenance(String what, java.util.function.Supplier<T> body) {
    return gate.hold(
        () -> {
          requireNoPendingRecovery(what);
          return body.get();
        });
  }

  private void requireNoPendingRecovery(String what) {
    List<RecoveryRecords.Pending> pending = records.pending();
    if (!pending.isEmpty()) {
      throw new GraphException(
          ErrorCode.RECOVERY_REQUIRED,
          what
              + " refused: an interrupted commit by '"
              + pending.get(0).commit().actor()
              + "' (recovery record "
              + pending.get(0).file()
              + ") must be recovered first; reopen the graph read-write");
    }
  }

  /**
   * Commits and publishes. Returns the published manifest state.
   *
   * @throws ConflictException when another commit moved a table this one expected
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} when an interrupted commit must be rolled back
   *     by a read-write open first
   */
  public ManifestState commit(CommitRequest request) {
    return commit(request, (before, after) -> {});
  }

  /**
   * {@link #commit}, then {@code published} with the manifest the commit went on and the one it published,
   * while the gate is still held (so no other commit of this process comes between the publish and it): what
   * this process derives from the commit, such as carrying a cache to the new version, is in place before the
   * next commit looks for it. Not called when the commit fails; a failure of the callback itself is logged and
   * does not fail the commit, which is published.
   */
  public ManifestState commit(
      CommitRequest request, java.util.function.BiConsumer<ManifestState, ManifestState> published) {
    FailPoints.hit(FailPoint.COMMIT_BEFORE_GATE);
    long startMillis = System.currentTimeMillis();
    for (StagedWrite write : request.writes()) {
      startMillis = Math.min(startMillis, write.stagedSinceMillis());
    }
    long since = startMillis;
    return gate.hold(() -> {
      Published done = commitHoldingGate(request, since);
      try {
        published.accept(done.base(), done.manifest());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "after publishing graph version " + done.manifest().version() + ": " + e, e);
      }
      return done.manifest();
    });
  }

  /**
   * An optimize staged its compactions outside the gate, against the pins it read then; small commits may
   * have appended to those tables meanwhile. A compaction that the appends left valid (its fragments and the
   * indexes unchanged, {@link TableStore#rebaseCompaction}) moves onto the table's current pin instead of
   * failing the optimize, which would otherwise rarely win against a steady stream of writers.
   */
  private CommitRequest rebaseCompactions(CommitRequest request, ManifestState current) {
    Map<String, Long> expected = new LinkedHashMap<>(request.expectedVersions());
    List<StagedWrite> writes = new java.util.ArrayList<>();
    boolean moved = false;
    for (StagedWrite write : request.writes()) {
      long actual = current.tables().getOrDefault(write.tableKey(), 0L);
      if (actual > write.readVersion()) {
        java.util.Optional<StagedWrite> rebased = tables.rebaseCompaction(write, actual);
        if (rebased.isPresent()) {
          write = rebased.get();
          expected.put(write.tableKey(), actual);
          moved = true;
        }
      }
      writes.add(write);
    }
    if (!moved) {
      return request;
    }
    return new CommitRequest(
        request.actor(), request.kind(), expected, request.expectedGraphVersion(), writes, request.schemaText(),
        request.durability());
  }

  /** What a commit published, and the manifest it went on (read under the gate, after any heal). */
  private record Published(ManifestState base, ManifestState manifest) {}

  private Published commitHoldingGate(CommitRequest request, long stagedSinceMillis) {
    if (request.kind().equals(OPTIMIZE)) {
      requireNoPendingRecovery("optimize");
    }
    recovery.healBeforeWrite();
    ManifestState current = manifest.read();
    if (request.expectedGraphVersion() >= 0 && current.version() != request.expectedGraphVersion()) {
      throw new GraphException(
          ErrorCode.CONFLICT,
          "commit conflict: the graph moved from version "
              + request.expectedGraphVersion()
              + " to version "
              + current.version()
              + " while this change was prepared");
    }
    if (request.kind().equals(OPTIMIZE)) {
      request = rebaseCompactions(request, current);
    }
    for (Map.Entry<String, Long> expected : new TreeMap<>(request.expectedVersions()).entrySet()) {
      long actual = current.tables().getOrDefault(expected.getKey(), 0L);
      if (actual != expected.getValue()) {
        throw new ConflictException(expected.getKey(), expected.getValue(), actual);
      }
    }
    Map<String, Long> bases = new LinkedHashMap<>();
    for (StagedWrite write : request.writes()) {
      bases.put(write.tableKey(), repairDrift(write, current));
    }
    boolean durable = request.durability() == Durability.FSYNC;
    // The last point where cancel, timeout or interrupt can stop this commit without a trace: nothing has
    // moved. From the first table commit on, the commit runs to its publish (or fails and is rolled back).
    Cancellation.check();
    FailPoints.hit(FailPoint.COMMIT_BEFORE_RECORD);
    PendingCommit record = needsRecord(request) ? plan(request, current, bases) : null;
    if (record != null) {
      records.write(record, durable);
    }
    Map<String, Long> committed = new LinkedHashMap<>();
    ManifestState published;
    // An interrupt arriving now must not break the file channels of the commit, its roll back or its
    // durability: it is cleared while the commit runs and set again for the caller afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      try {
        boolean created = false;
        for (StagedWrite write : request.writes()) {
          FailPoints.hit(FailPoint.TABLE_BEFORE_COMMIT);
          long version = tables.commitStaged(write, bases.get(write.tableKey()));
          committed.put(write.tableKey(), version);
          created |= write.kind() == StagedWrite.Kind.CREATE;
          FailPoints.hit(FailPoint.TABLE_AFTER_COMMIT);
          interrupted |= Thread.interrupted();
        }
        if (durable) {
          Map<String, CommitSync.Added> added = new LinkedHashMap<>();
          for (StagedWrite write : request.writes()) {
            String table = write.tableKey();
            // from the pin, not the base: a drift repair's restore versions (pin + 1 .. base) are this
            // commit's files too
            added.put(
                table,
                new CommitSync.Added(current.tables().getOrDefault(table, 0L), committed.get(table), write.stagedFiles()));
          }
          CommitSync.syncTables(root, tables, added, stagedSinceMillis, created);
        }
        FailPoints.hit(FailPoint.PUBLISH_BEFORE);
        interrupted |= Thread.interrupted();
        Map<String, Long> pins = new TreeMap<>(current.tables());
        pins.putAll(committed);
        String schemaText = request.schemaText() != null ? request.schemaText() : current.schemaText();
        published =
            manifest.publish(
                current.version(), pins, schemaText, request.actor(), request.kind(), List.copyOf(committed.keySet()));
      } catch (RuntimeException failure) {
        interrupted |= Thread.interrupted();
        if (!manifestAdvancedPast(current)) {
          rollBack(record, committed, current, failure);
        }
        if (interrupted && !(failure instanceof GraphException graph && graph.code() == ErrorCode.CANCELLED)) {
          throw new GraphException(ErrorCode.CANCELLED, "the commit was interrupted and rolled back", failure);
        }
        throw failure;
      }
      // Published: the commit has happened, whatever follows. A failure to make it durable is reported as
      // such, never as a commit that did not happen (a caller retrying it would apply it twice).
      try {
        if (durable) {
          interrupted |= Thread.interrupted();
          CommitSync.syncManifest(manifest, current.version(), published.version(), stagedSinceMillis);
        }
      } catch (RuntimeException failure) {
        throw new GraphException(
            ErrorCode.STORAGE_FAILURE,
            "graph version " + published.version() + " is published and visible, but making it durable failed: "
                + failure.getMessage(),
            failure);
      }
      FailPoints.hit(FailPoint.PUBLISH_AFTER);
    } finally {
      if (interrupted || Thread.interrupted()) {
        Thread.currentThread().interrupt();
      }
    }
    if (record != null) {
      records.remove(record.id());
    }
    FailPoints.hit(FailPoint.COMMIT_AFTER_RECORD_REMOVAL);
    return new Published(current, published);
  }

  /** Several tables must move together, and a create leaves a table directory no manifest pins. */
  private static boolean needsRecord(CommitRequest request) {
    if (request.writes().size() > 1) {
      return true;
    }
    for (StagedWrite write : request.writes()) {
      if (write.kind() == StagedWrite.Kind.CREATE) {
        return true;
      }
    }
    return false;
  }

  private static PendingCommit plan(CommitRequest request, ManifestState current, Map<String, Long> bases) {
    List<PendingCommit.PlannedTable> planned = new ArrayList<>();
    for (StagedWrite write : request.writes()) {
      long base = bases.get(write.tableKey());
      boolean created = write.kind() == StagedWrite.Kind.CREATE;
      planned.add(
          new PendingCommit.PlannedTable(
              write.tableKey(),
              created ? 0 : current.tables().get(write.tableKey()),
              base,
              base + write.versionsAdded(),
              created));
    }
    return new PendingCommit(
        RecoveryRecords.newId(),
        Instant.now(),
        request.actor(),
        request.kind(),
        current.version(),
        request.schemaText(),
        planned,
        false);
  }

  /**
   * Makes the table's HEAD content equal to its published pin and returns the version to commit on top of.
   * A HEAD ahead of the pin is an orphan of a writer that died between its table commit and its publish;
   * committing over it would carry that writer's rejected rows into ours (invariant 10), so it is restored
   * first. Lance restore appends a version, so the base may be above the pin; its content equals the pin's.
   */
  private long repairDrift(StagedWrite write, ManifestState current) {
    String tableKey = write.tableKey();
    if (write.kind() == StagedWrite.Kind.CREATE) {
      if (tables.exists(tableKey)) {
        Recovery.removeUnpublishedTable(tables, tableKey);
      }
      return 0;
    }
    long pin = current.tables().get(tableKey);
    long head = tables.head(tableKey);
    if (head == pin) {
      return pin;
    }
    if (head < pin) {
      throw new GraphException(
          ErrorCode.STORAGE_FAILURE,
          "table '" + tableKey + "' is at version " + head + ", behind its published version " + pin);
    }
    long restored = tables.restore(tableKey, pin);
    LOG.log(
        Level.WARNING,
        "table {0} had unpublished versions up to {1}; restored the content of published version {2} as version {3}",
        new Object[] {tableKey, head, pin, restored});
    return restored;
  }

  private boolean manifestAdvancedPast(ManifestState current) {
    try {
      return manifest.latestVersion() != current.version();
    } catch (RuntimeException e) {
      return true; // unknown: leave the tables for the next writer's repair rather than guess
    }
  }

  /**
   * Undoes a commit that failed before its publish (the caller is told it failed, so it must not roll
   * forward). With a recovery record, the moved tables are restored and the restored HEADs published as an
   * audited recovery, so manifest == HEAD afterwards; if that fails too, the record stays for the next
   * read-write open. Without one (a single table), the table is restored and the next writer's drift repair
   * sees to the rest.
   */
  private void rollBack(PendingCommit record, Map<String, Long> committed, ManifestState current, RuntimeException failure) {
    if (record != null) {
      try {
        if (committed.isEmpty()) {
          records.remove(record.id()); // nothing moved (a torn first commit restored itself): nothing to audit
        } else {
          recovery.rollBack(record, current);
        }
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
        // The caller is told this commit failed: recovery must never roll it forward, even if its tables all
        // landed on their planned versions before the roll back broke.
        try {
          records.write(record.markedAbandoned(), false);
        } catch (RuntimeException again) {
          failure.addSuppressed(again);
        }
      }
      return;
    }
    for (String tableKey : committed.keySet()) {
      try {
        Long pin = current.tables().get(tableKey);
        if (pin == null) {
          Recovery.removeUnpublishedTable(tables, tableKey);
        } else {
          tables.restore(tableKey, pin);
        }
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
