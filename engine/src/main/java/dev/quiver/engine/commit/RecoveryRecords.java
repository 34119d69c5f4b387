package dev.quiver.engine.commit;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recovery records of one graph: {@code <graph>/_recovery/<id>.json}, each written atomically
 * (invariant 9) before the first table commit of a multi-table commit and removed after its publish. The
 * directory is created by the first record, never by an open or a single-table commit. Call everything here
 * holding the commit gate.
 */
final class RecoveryRecords {
  static final String DIRECTORY = "_recovery";
  private static final Logger LOG = Logger.getLogger(RecoveryRecords.class.getName());
  private static final String SUFFIX = ".json";

  /** A record on disk. */
  record Pending(Path file, PendingCommit commit) {}

  private final Path directory;

  RecoveryRecords(Path graphRoot) {
    this.directory = requireNonNull(graphRoot, "graphRoot is null").resolve(DIRECTORY);
  }

  Path directory() {
    return directory;
  }

  /** A new id: the time in milliseconds (fixed width, so ids sort in time order), then random bits. */
  static String newId() {
    return String.format(
        Locale.ROOT, "%013d-%016x", System.currentTimeMillis(), ThreadLocalRandom.current().nextLong());
  }

  Path file(String id) {
    return directory.resolve(id + SUFFIX);
  }

  /** Writes a record atomically; with {@code durable} it is on stable storage when this returns. */
  void write(PendingCommit commit, boolean durable) {
    AtomicFiles.write(file(commit.id()), commit.toJson(), durable);
  }

  /**
   * The pending records, oldest first.
   *
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} naming the file when a record cannot be read;
   *     the file is left in place for the operator
   */
  List<Pending> pending() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path entry : entries) {
        files.add(entry);
      }
    } catch (IOException e) {
      throw new GraphException(
          ErrorCode.STORAGE_FAILURE, "listing the recovery records in " + directory + " failed: " + e, e);
    }
    files.sort(null);
    List<Pending> pending = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        continue; // removed since the listing
      } catch (IOException e) {
        throw new GraphException(ErrorCode.STORAGE_FAILURE, "reading the recovery record " + file + " failed: " + e, e);
      }
      try {
        pending.add(new Pending(file, PendingCommit.parse(bytes)));
      } catch (IllegalArgumentException e) {
        throw new GraphException(
            ErrorCode.RECOVERY_REQUIRED,
            "the recovery record "
                + file
                + " cannot be read ("
                + e.getMessage()
                + "); the graph cannot be written until an operator repairs or removes it",
            e);
      }
    }
    return pending;
  }

  /** Removes a record. A failure is logged, not raised: the next recovery finds the commit published. */
  void remove(String id) {
    Path file = file(id);
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "removing the recovery record " + file + " failed; the next open removes it", e);
    }
  }

  /** Removes temporaries of record writes that crashed before their rename. */
  int sweepTemporaries() {
    return AtomicFiles.sweepTemporaries(directory);
  }
}
