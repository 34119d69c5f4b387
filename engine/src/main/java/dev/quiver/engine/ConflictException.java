package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

/**
 * A commit lost a race: another commit moved {@link #table()} from {@link #expectedVersion()} to {@link
 * #actualVersion()}. Nothing of the losing transaction is visible. Callers may retry from a fresh snapshot.
 */
public final class ConflictException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final long expectedVersion;
  private final long actualVersion;

  public ConflictException(String table, long expectedVersion, long actualVersion) {
    super(
        ErrorCode.CONFLICT,
        "commit conflict on "
            + describe(requireNonNull(table, "table is null"))
            + ": expected table version "
            + expectedVersion
            + " but another commit moved it to version "
            + actualVersion
            + "; the transaction was rolled back");
    this.table = table;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** {@code node:Person} as users know it: {@code node type 'Person'}. */
  private static String describe(String tableKey) {
    int colon = tableKey.indexOf(':');
    return colon < 0
        ? "table '" + tableKey + "'"
        : tableKey.substring(0, colon) + " type '" + tableKey.substring(colon + 1) + "'";
  }

  /** The manifest key of the table, e.g. {@code node:Person}. */
  public String table() {
    return table;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}
