package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.lance.operation.Operation;

/**
 * A write whose data and deletion files exist but which no table version references yet: staging never moves
 * a table's HEAD (invariant 1). Only {@link TableStore#commitStaged} turns it into a version.
 */
public final class StagedWrite {
  /** The shape of the Lance transaction. */
  public enum Kind {
    /** New fragments only. */
    APPEND,
    /** One Update transaction: deletion vectors on replaced rows plus new fragments (invariant 6). */
    UPSERT,
    /** Deletion vectors only. */
    DELETE,
    /** Replaces every fragment (possibly with none) and the schema. */
    OVERWRITE,
    /** Creates the table (version 1) with a schema and no rows. */
    CREATE,
    /**
     * Maintenance: a Rewrite of small fragments into large ones (content unchanged, deletions materialized),
     * then, when the table has declared indexes, a CreateIndex rebuilding them over the new fragments. Two
     * versions, base + 1 and base + 2 (decision 0003): the Rewrite does not remap indexes, and the new
     * fragments' ids exist only once it is committed, so the index build happens under the gate.
     */
    COMPACT,
    /** Maintenance: a CreateIndex of index segments built (uncommitted) against the read version. */
    INDEX
  }

  private final String tableKey;
  private final long readVersion;
  private final Kind kind;
  private final Operation operation;
  private final long rowsAdded;
  private final long rowsRemoved;
  private final long stagedSinceMillis;
  private final List<IndexSpec> indexes;

  StagedWrite(long stagedSinceMillis, String tableKey, long readVersion, Kind kind, Operation operation, long rowsAdded, long rowsRemoved) {
    this(stagedSinceMillis, tableKey, readVersion, kind, operation, rowsAdded, rowsRemoved, List.of());
  }

  StagedWrite(
      long stagedSinceMillis,
      String tableKey,
      long readVersion,
      Kind kind,
      Operation operation,
      long rowsAdded,
      long rowsRemoved,
      List<IndexSpec> indexes) {
    this.tableKey = requireNonNull(tableKey, "tableKey is null");
    this.readVersion = readVersion;
    this.kind = requireNonNull(kind, "kind is null");
    this.operation = requireNonNull(operation, "operation is null");
    this.rowsAdded = rowsAdded;
    this.rowsRemoved = rowsRemoved;
    this.stagedSinceMillis = stagedSinceMillis;
    this.indexes = List.copyOf(requireNonNull(indexes, "indexes is null"));
  }

  /**
   * How many table versions the commit adds: 1, except for a {@link Kind#COMPACT} that rebuilds indexes
   * (2). The commit must land on exactly {@code base + versionsAdded()} (invariant 10).
   */
  public int versionsAdded() {
    return kind == Kind.COMPACT && !indexes.isEmpty() ? 2 : 1;
  }

  /** The same write, to be committed on {@code version} instead (see {@link TableStore#rebaseCompaction}). */
  StagedWrite rebasedOn(long version) {
    return new StagedWrite(stagedSinceMillis, tableKey, version, kind, operation, rowsAdded, rowsRemoved, indexes);
  }

  /** For {@link Kind#COMPACT}: the declared indexes rebuilt after the Rewrite. */
  List<IndexSpec> indexes() {
    return indexes;
  }

  public String tableKey() {
    return tableKey;
  }

  /** The table version the write was staged against (0 for {@link Kind#CREATE}). */
  public long readVersion() {
    return readVersion;
  }

  public Kind kind() {
    return kind;
  }

  /** Rows the write adds (for an upsert: the replacing rows). */
  public long rowsAdded() {
    return rowsAdded;
  }

  /** Committed rows the write removes or replaces. */
  public long rowsRemoved() {
    return rowsRemoved;
  }

  /** When staging began: every file the staging wrote is at least this new (used to find files to fsync). */
  public long stagedSinceMillis() {
    return stagedSinceMillis;
  }

  Operation operation() {
    return operation;
  }

  /**
   * The files staging wrote, relative to the table directory ({@code data/<uuid>.lance}, {@code
   * _deletions/<fragment>-<read version>-<id>.arrow}), read off the Lance operation; empty when they are not
   * known up front (a compaction or an index build writes more at commit time). Used to fsync exactly these
   * files rather than search the table's directories for them.
   */
  public java.util.Optional<List<String>> stagedFiles() {
    return switch (kind) {
      case APPEND -> java.util.Optional.of(LanceFiles.of(((org.lance.operation.Append) operation).fragments(), List.of()));
      case UPSERT -> {
        org.lance.operation.Update update = (org.lance.operation.Update) operation;
        yield java.util.Optional.of(LanceFiles.of(update.newFragments(), update.updatedFragments()));
      }
      case DELETE -> java.util.Optional.of(LanceFiles.of(List.of(), ((org.lance.operation.Delete) operation).updatedFragments()));
      case OVERWRITE, CREATE -> java.util.Optional.of(LanceFiles.of(((org.lance.operation.Overwrite) operation).fragments(), List.of()));
      case COMPACT, INDEX -> java.util.Optional.empty();
    };
  }

  @Override
  public String toString() {
    return kind + " " + tableKey + "@" + readVersion + " +" + rowsAdded + " -" + rowsRemoved;
  }
}
