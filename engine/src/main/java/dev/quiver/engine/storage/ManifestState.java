package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.CommitRecord;
import dev.quiver.engine.RecoveryRecord;
import java.util.Collections;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one manifest version: the Lance version each table is pinned at, the schema text, and the
 * record of the commit that published it, and when that commit was a recovery, its audit row. The manifest's
 * Lance version is the graph version.
 */
public record ManifestState(
    long version, Map<String, Long> tables, String schemaText, CommitRecord commit, Optional<RecoveryRecord> recovery) {
  public ManifestState {
    tables = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(tables, "tables is null")));
    requireNonNull(schemaText, "schemaText is null");
    requireNonNull(commit, "commit is null");
    requireNonNull(recovery, "recovery is null");
  }

  /** A manifest version published by an ordinary commit (no recovery audit). */
  public ManifestState(long version, Map<String, Long> tables, String schemaText, CommitRecord commit) {
    this(version, tables, schemaText, commit, Optional.empty());
  }
}
