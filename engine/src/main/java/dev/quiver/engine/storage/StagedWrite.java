package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

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
    CREATE
  }

  private final String tableKey;
  private final long readVersion;
  private final Kind kind;
  private final Operation operation;
  private final long rowsAdded;
  private final long rowsRemoved;
  private final long stagedSinceMillis;

  StagedWrite(long stagedSinceMillis, String tableKey, long readVersion, Kind kind, Operation operation, long rowsAdded, long rowsRemoved) {
    this.tableKey = requireNonNull(tableKey, "tableKey is null");
    this.readVersion = readVersion;
    this.kind = requireNonNull(kind, "kind is null");
    this.operation = requireNonNull(operation, "operation is null");
    this.rowsAdded = rowsAdded;
    this.rowsRemoved = rowsRemoved;
    this.stagedSinceMillis = stagedSinceMillis;
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

  @Override
  public String toString() {
    return kind + " " + tableKey + "@" + readVersion + " +" + rowsAdded + " -" + rowsRemoved;
  }
}
