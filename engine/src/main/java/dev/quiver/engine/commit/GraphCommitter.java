package dev.quiver.engine.commit;

import static java.util.Objects.requireNonNull;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Turns staged writes into one graph commit:
 *
 * <pre>
 * take the gate ─► read the manifest ─► CAS on expected versions ─► repair drifted tables
 *   ─► commit each table (HEAD must land on base + 1) ─► publish the manifest ─► fsync ─► release
 * </pre>
 *
 * Invariants: no HEAD moves before this runs (1); all touched tables move in one publish or none do (3); of
 * concurrent commits on a table exactly one wins (4); a table commit that does not land on base + 1 is never
 * published (10).
 */
public final class GraphCommitter {
  private static final Logger LOG = Logger.getLogger(GraphCommitter.class.getName());
  private static final List<String> LANCE_DIRECTORIES = List.of("data", "_deletions", "_versions", "_transactions");

  private final Path root;
  private final TableStore tables;
  private final ManifestStore manifest;
  private final CommitGate gate;

  public GraphCommitter(Path root, TableStore tables, ManifestStore manifest) {
    this.root = requireNonNull(root, "root is null");
    this.tables = requireNonNull(tables, "tables is null");
    this.manifest = requireNonNull(manifest, "manifest is null");
    this.gate = CommitGate.of(root);
  }

  public CommitGate gate() {
    return gate;
  }

  /**
   * Commits and publishes. Returns the published manifest state.
   *
   * @throws ConflictException when another commit moved a table this one expected
   */
  public ManifestState commit(CommitRequest request) {
    FailPoints.hit(FailPoint.COMMIT_BEFORE_GATE);
    long startMillis = System.currentTimeMillis();
    for (StagedWrite write : request.writes()) {
      startMillis = Math.min(startMillis, write.stagedSinceMillis());
    }
    ManifestState published = gate.hold(() -> commitHoldingGate(request));
    if (request.durability() == Durability.FSYNC) {
      List<String> touched = new ArrayList<>();
      boolean created = false;
      for (StagedWrite write : request.writes()) {
        touched.add(write.tableKey());
        created |= write.kind() == StagedWrite.Kind.CREATE;
      }
      fsyncCommit(touched, startMillis, created);
    }
    return published;
  }

  private ManifestState commitHoldingGate(CommitRequest request) {
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
    FailPoints.hit(FailPoint.COMMIT_BEFORE_RECORD);
    Map<String, Long> committed = new LinkedHashMap<>();
    try {
      for (StagedWrite write : request.writes()) {
        FailPoints.hit(FailPoint.TABLE_BEFORE_COMMIT);
        long version = tables.commitStaged(write, bases.get(write.tableKey()));
        committed.put(write.tableKey(), version);
        FailPoints.hit(FailPoint.TABLE_AFTER_COMMIT);
      }
      FailPoints.hit(FailPoint.PUBLISH_BEFORE);
      Map<String, Long> pins = new TreeMap<>(current.tables());
      pins.putAll(committed);
      String schemaText = request.schemaText() != null ? request.schemaText() : current.schemaText();
      ManifestState published =
          manifest.publish(
              current.version(), pins, schemaText, request.actor(), request.kind(), List.copyOf(committed.keySet()));
      FailPoints.hit(FailPoint.PUBLISH_AFTER);
      return published;
    } catch (RuntimeException failure) {
      if (!manifestAdvancedPast(current)) {
        rollBack(committed, current, failure);
      }
      throw failure;
    }
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
        removeUnpublishedTable(tableKey);
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

  /** A table directory that no manifest pins is the leftover of a create that never published. */
  private void removeUnpublishedTable(String tableKey) {
    Path directory = tables.tablePath(tableKey);
    try (Stream<Path> walk = Files.walk(directory)) {
      List<Path> paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new GraphException(
          ErrorCode.STORAGE_FAILURE, "removing the unpublished table '" + tableKey + "' failed: " + e, e);
    }
  }

  private boolean manifestAdvancedPast(ManifestState current) {
    try {
      return manifest.latestVersion() != current.version();
    } catch (RuntimeException e) {
      return true; // unknown: leave the tables for the next writer's repair rather than guess
    }
  }

  private void rollBack(Map<String, Long> committed, ManifestState current, RuntimeException failure) {
    for (String tableKey : committed.keySet()) {
      try {
        Long pin = current.tables().get(tableKey);
        if (pin == null) {
          removeUnpublishedTable(tableKey);
        } else {
          tables.restore(tableKey, pin);
        }
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Lance does not fsync. Before a commit is acknowledged, every file it created in the touched tables and
   * the manifest, and the directories that received them, are forced to stable storage.
   */
  private void fsyncCommit(List<String> touchedTables, long sinceMillis, boolean createdTables) {
    List<Path> directories = new ArrayList<>();
    for (String tableKey : touchedTables) {
      directories.add(tables.tablePath(tableKey));
    }
    directories.add(root.resolve("__manifest"));
    try {
      for (Path table : directories) {
        for (String sub : LANCE_DIRECTORIES) {
          Path directory = table.resolve(sub);
          if (!Files.isDirectory(directory)) {
            continue;
          }
          boolean received = false;
          try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
              // 1 s of slack for coarse file-system timestamps; re-syncing an older file is harmless.
              if (Files.getLastModifiedTime(file).toMillis() >= sinceMillis - 1000 && Files.isRegularFile(file)) {
                dev.quiver.engine.storage.AtomicFiles.fsyncFile(file);
                received = true;
              }
            }
          }
          if (received) {
            dev.quiver.engine.storage.AtomicFiles.fsyncDirectory(directory);
          }
        }
        dev.quiver.engine.storage.AtomicFiles.fsyncDirectory(table);
      }
      if (createdTables) {
        for (String parent : List.of("nodes", "edges")) {
          if (Files.isDirectory(root.resolve(parent))) {
            dev.quiver.engine.storage.AtomicFiles.fsyncDirectory(root.resolve(parent));
          }
        }
        dev.quiver.engine.storage.AtomicFiles.fsyncDirectory(root);
      }
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "making the commit durable failed: " + e, e);
    }
  }
}
