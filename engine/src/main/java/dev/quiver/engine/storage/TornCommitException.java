package dev.quiver.engine.storage;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;

/**
 * A table commit did not land exactly on its base version + 1: a writer outside the commit gate moved the
 * table. The table has been restored to the base content; nothing may be published (invariant 10).
 */
public final class TornCommitException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final long baseVersion;

  TornCommitException(String table, long baseVersion, long committedVersion, Throwable cause) {
    super(
        ErrorCode.CONFLICT,
        "commit conflict on table '"
            + table
            + "': a concurrent writer moved it past version "
            + baseVersion
            + (committedVersion > 0 ? " (our commit landed on version " + committedVersion + ")" : ""),
        cause);
    this.table = table;
    this.baseVersion = baseVersion;
  }

  public String table() {
    return table;
  }

  public long baseVersion() {
    return baseVersion;
  }
}
