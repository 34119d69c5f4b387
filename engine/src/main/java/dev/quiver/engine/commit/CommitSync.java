package dev.quiver.engine.commit;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.AtomicFiles;
import dev.quiver.engine.storage.TableStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lance does not fsync. These force the files a commit created in Lance datasets, and the directories that
 * received them, to stable storage. Tables are synced before the manifest publish and the manifest after it,
 * so a manifest version that survives power loss never pins a table version that did not.
 */
final class CommitSync {
  private static final List<String> LANCE_DIRECTORIES = List.of("data", "_deletions", "_versions", "_transactions");
  /** Slack for coarse file-system timestamps; re-syncing an older file is harmless. */
  private static final long SLACK_MILLIS = 1000;

  private CommitSync() {}

  /** Index segments live in {@code _indices/<uuid>/…}: sync new files there and every directory holding one. */
  private static void syncIndexes(Path indices, long sinceMillis) throws IOException {
    if (!Files.isDirectory(indices)) {
      return;
    }
    Set<Path> directories = new LinkedHashSet<>();
    Files.walkFileTree(indices, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (syncIfRecent(file, sinceMillis)) {
          for (Path parent = file.getParent(); parent != null && parent.startsWith(indices); parent = parent.getParent()) {
            directories.add(parent);
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
    for (Path directory : directories) {
      AtomicFiles.fsyncDirectory(directory);
    }
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

  /**
   * Syncs every file modified since {@code sinceMillis} in the given tables.
   *
   * @param createdTables also sync {@code nodes/}, {@code edges/} and the graph directory, which received new
   *     table directories
   */
  static void syncTables(Path root, TableStore tables, Collection<String> tableKeys, long sinceMillis, boolean createdTables) {
    try {
      for (String tableKey : tableKeys) {
        Path table = tables.tablePath(tableKey);
        if (Files.isDirectory(table)) {
          syncDataset(table, sinceMillis);
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

  /** Syncs the manifest files written since {@code sinceMillis}. */
  static void syncManifest(Path root, long sinceMillis) {
    try {
      syncDataset(root.resolve("__manifest"), sinceMillis);
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "making the manifest publish durable failed: " + e, e);
    }
  }

  private static void syncDataset(Path dataset, long sinceMillis) throws IOException {
    syncIndexes(dataset.resolve("_indices"), sinceMillis);
    for (String sub : LANCE_DIRECTORIES) {
      Path directory = dataset.resolve(sub);
      if (!Files.isDirectory(directory)) {
        continue;
      }
      boolean received = false;
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (syncIfRecent(file, sinceMillis)) {
            received = true;
          }
        }
      }
      if (received) {
        AtomicFiles.fsyncDirectory(directory);
      }
    }
    AtomicFiles.fsyncDirectory(dataset);
  }
}
