package dev.quiver.engine.failpoint;

import java.util.Locale;

/** A step of the write protocol where tests (or an operator, via a system property) can inject a fault. */
public enum FailPoint {
  /** After staging every table, before the commit gate is taken. */
  COMMIT_BEFORE_GATE,
  /** Under the gate, before the recovery record is written. */
  COMMIT_BEFORE_RECORD,
  /** Before each table's Lance commit. */
  TABLE_BEFORE_COMMIT,
  /** After each table's Lance commit. */
  TABLE_AFTER_COMMIT,
  /** After every table commit, before the manifest publish. */
  PUBLISH_BEFORE,
  /** After the manifest publish (and its fsync), before the recovery record is removed. */
  PUBLISH_AFTER,
  /** After the recovery record is removed, before the gate is released. */
  COMMIT_AFTER_RECORD_REMOVAL,
  /** Recovery of an interrupted commit: after restoring or checking its tables, before its publish. */
  RECOVERY_BEFORE_PUBLISH,
  /** An atomic file write: after the temporary is written, before it is renamed into place. */
  ATOMIC_BEFORE_RENAME,
  /** {@code durability=fsync}: a file was listed in a table directory, before it is examined and synced. */
  SYNC_BEFORE_FILE;

  /** The dotted id, e.g. {@code publish.before}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
  }
}
