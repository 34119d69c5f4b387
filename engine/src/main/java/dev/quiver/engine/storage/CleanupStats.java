package dev.quiver.engine.storage;

import org.lance.cleanup.RemovalStats;

/**
 * What a cleanup of one Lance dataset removed.
 *
 * @param versions old versions removed (one manifest file each)
 * @param files every file removed: the manifests of old versions plus data, deletion, index and transaction
 *     files that no remaining version references (orphans of abandoned staging included)
 * @param bytes bytes freed
 */
public record CleanupStats(long versions, long files, long bytes) {
  public static final CleanupStats NONE = new CleanupStats(0, 0, 0);

  static CleanupStats of(RemovalStats stats) {
    long files =
        stats.getOldVersions()
            + stats.getDataFilesRemoved()
            + stats.getDeletionFilesRemoved()
            + stats.getIndexFilesRemoved()
            + stats.getTransactionFilesRemoved();
    return new CleanupStats(stats.getOldVersions(), files, stats.getBytesRemoved());
  }

  public CleanupStats plus(CleanupStats other) {
    return new CleanupStats(versions + other.versions, files + other.files, bytes + other.bytes);
  }
}
