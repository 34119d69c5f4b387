package dev.quiver.engine.commit;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.AtomicFiles;
import dev.quiver.engine.storage.LanceFiles;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.TableStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lance does not fsync. These force the files a commit created in Lance datasets, and the directories that
 * received them, to stable storage. Tables are synced before the manifest publish and the manifest after it,
 * so a manifest version that survives power loss never pins a table version that did not.
 *
 * <p>The files are named, not searched for: data and deletion files from the staged Lance operation, each new
 * version's manifest from its number, its transaction file from the commit's transaction id (or, for a version
 * this handle did not commit, by listing the files named after the version it read). Only when a name is not
 * known (a compaction or index build writes files at commit time) or not found on disk does it fall back to
 * syncing every file of the directory modified since the commit began — which costs a stat per file, and
 * grows with the table's history until {@code cleanup}.
 */
final class CommitSync {
  /** Slack for coarse file-system timestamps in the fallback search; re-syncing an older file is harmless. */
  private static final long SLACK_MILLIS = 1000;

  private CommitSync() {}

  /**
   * What one commit added to one Lance dataset.
   *
   * @param base the version the commit went on
   * @param head the version it produced (base + 1, or base + 2 for a compaction that rebuilds indexes)
   * @param stagedFiles the data and deletion files staging wrote, relative to the dataset, when known
   */
  record Added(long base, long head, Optional<List<String>> stagedFiles) {
    /** Versions added by a commit whose other files are unknown (recovery, compaction): search for them. */
    static Added unknownFiles(long base, long head) {
      return new Added(base, head, Optional.empty());
    }
  }

  /**
   * Syncs what a commit added to the given tables.
   *
   * @param sinceMillis when the commit began staging (for the fallback search)
   * @param createdTables also sync {@code nodes/}, {@code edges/} and the graph directory, which received new
   *     table directories (or lost them)
   */
  static void syncTables(Path root, TableStore tables, Map<String, Added> added, long sinceMillis, boolean createdTables) {
    try {
      for (Map.Entry<String, Added> table : added.entrySet()) {
        Path directory = tables.tablePath(table.getKey());
        if (Files.isDirectory(directory)) {
          String tableKey = table.getKey();
          syncDataset(directory, table.getValue(), sinceMillis, version -> tables.transactionFile(tableKey, version));
        }
      }
      if (createdTables) {
        for (String parent : List.of("nodes", "edges")) {
          if (Files.isDirectory(root.resolve(parent))) {
            AtomicFiles.fsyncDirectory(root.resolve(parent));
          }
        }
        AtomicFiles.fsyncDirectory(root);
      }
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "making the commit durable failed: " + e, e);
    }
  }

  /** Syncs the manifest versions after {@code base} up to {@code head}. */
  static void syncManifest(ManifestStore manifest, long base, long head, long sinceMillis) {
    try {
      syncDataset(manifest.path(), new Added(base, head, manifest.publishedFiles(head)), sinceMillis, manifest::transactionFile);
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "making the manifest publish durable failed: " + e, e);
    }
  }

  /**
   * @param transactionFile the transaction file that produced a version, when this handle knows it (else the
   *     {@code _transactions} directory is listed for it)
   */
  private static void syncDataset(
      Path dataset, Added added, long sinceMillis, java.util.function.LongFunction<Optional<String>> transactionFile)
      throws IOException {
    Set<Path> received = new LinkedHashSet<>();
    boolean search = added.stagedFiles().isEmpty();
    for (String file : added.stagedFiles().orElse(List.of())) {
      search |= !syncNamed(dataset.resolve(file), received);
    }
    if (search) {
      syncIndexes(dataset.resolve("_indices"), sinceMillis, received);
      syncRecent(dataset.resolve("data"), sinceMillis, received);
      syncRecent(dataset.resolve("_deletions"), sinceMillis, received);
    }
    boolean searchVersions = false;
    boolean searchTransactions = false;
    for (long version = added.base() + 1; version <= added.head(); version++) {
      boolean found = false;
      for (String name : LanceFiles.versionFiles(version)) {
        found |= syncNamed(dataset.resolve(name), received);
      }
      searchVersions |= !found;
      Optional<String> known = transactionFile.apply(version);
      boolean synced = known.isPresent() && syncNamed(dataset.resolve(known.get()), received);
      searchTransactions |= !synced && !syncTransactions(dataset.resolve("_transactions"), version - 1, received);
    }
    syncNamed(dataset.resolve(LanceFiles.LATEST_VERSION_HINT), received);
    if (searchVersions) {
      syncRecent(dataset.resolve("_versions"), sinceMillis, received);
    }
    if (searchTransactions) {
      syncRecent(dataset.resolve("_transactions"), sinceMillis, received);
    }
    for (Path directory : received) {
      AtomicFiles.fsyncDirectory(directory);
    }
    AtomicFiles.fsyncDirectory(dataset);
  }

  /** Syncs a file known by name; false when it does not exist. */
  private static boolean syncNamed(Path file, Set<Path> received) throws IOException {
    try {
      AtomicFiles.fsyncFile(file);
    } catch (NoSuchFileException e) {
      return false;
    }
    received.add(file.getParent());
    return true;
  }

  /** Syncs the transaction file(s) of the commit that read {@code readVersion}; false when none exists. */
  private static boolean syncTransactions(Path directory, long readVersion, Set<Path> received) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    String prefix = LanceFiles.transactionPrefix(readVersion);
    boolean found = false;
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(directory, file -> file.getFileName().toString().startsWith(prefix))) {
      for (Path file : files) {
        found |= syncNamed(file, received);
      }
    }
    return found;
  }

  /** The fallback: every file of {@code directory} modified since {@code sinceMillis}. */
  private static void syncRecent(Path directory, long sinceMillis, Set<Path> received) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        if (syncIfRecent(file, sinceMillis)) {
          received.add(directory);
        }
      }
    }
  }

  /** Index segments live in {@code _indices/<uuid>/…}: sync new files there and every directory holding one. */
  private static void syncIndexes(Path indices, long sinceMillis, Set<Path> received) throws IOException {
    if (!Files.isDirectory(indices)) {
      return;
    }
    Files.walkFileTree(indices, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (syncIfRecent(file, sinceMillis)) {
          for (Path parent = file.getParent(); parent != null && parent.startsWith(indices); parent = parent.getParent()) {
            received.add(parent);
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // removed by a concurrent writer's cleanup; not ours to sync
        }
        throw e;
      }
    });
  }

  /**
   * Syncs {@code file} if it was modified since {@code sinceMillis}. Another connection may be writing into
   * the same table at the same moment: its temporary files come and go while this listing runs. Those are not
   * part of this commit (every file this commit created was complete and in place before it got here), so a
   * temporary name is skipped and a file that vanished between listing and opening is ignored.
   */
  private static boolean syncIfRecent(Path file, long sinceMillis) throws IOException {
    if (file.getFileName().toString().startsWith(".tmp")) {
      return false;
    }
    FailPoints.hit(FailPoint.SYNC_BEFORE_FILE);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile() || attributes.lastModifiedTime().toMillis() < sinceMillis - SLACK_MILLIS) {
        return false;
      }
      AtomicFiles.fsyncFile(file);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
