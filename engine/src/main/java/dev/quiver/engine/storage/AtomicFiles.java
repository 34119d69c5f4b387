package dev.quiver.engine.storage;

import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Files Quiver writes outside Lance are replaced atomically (invariant 9): written to a temporary sibling,
 * fsynced, renamed into place, and the directory fsynced. Leftover temporaries are swept on read-write open.
 * Every fsync Quiver makes (also of Lance's files, which Lance never fsyncs) goes through this class.
 */
public final class AtomicFiles {
  static final String TEMP_SUFFIX = ".quiver-tmp";

  /** Test hook: sees every path this JVM fsyncs. Null when nobody listens (the normal case). */
  private static volatile Consumer<Path> fsyncListener;

  private AtomicFiles() {}

  /** Writes {@code target} atomically and durably (file and directory fsynced). */
  public static void write(Path target, byte[] content) {
    write(target, content, true);
  }

  /**
   * Writes {@code target} atomically: a reader (or a crash) sees the old content or the new, never a mix.
   *
   * @param durable also fsync the file before the rename and the directory after it, so the new content
   *     survives power loss; without it the write survives a process crash only
   */
  public static void write(Path target, byte[] content, boolean durable) {
    Path directory = target.toAbsolutePath().getParent();
    Path temp =
        directory.resolve(
            target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + TEMP_SUFFIX);
    try {
      Files.createDirectories(directory);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (durable) {
          channel.force(true);
          fsynced(temp);
        }
      }
      // A fault here stands for a crash between the write and the rename: the temporary stays behind.
      FailPoints.hit(FailPoint.ATOMIC_BEFORE_RENAME);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (durable) {
        fsyncDirectory(directory);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw StorageErrors.translate("writing " + target.getFileName(), e);
    }
  }

  /** True for a temporary sibling that {@link #write} left behind. */
  public static boolean isTemporary(Path path) {
    return path.getFileName().toString().endsWith(TEMP_SUFFIX);
  }

  /**
   * Deletes leftover temporaries in a directory; returns how many were removed. Call it only holding the
   * commit gate, so no live writer's temporary is removed.
   */
  public static int sweepTemporaries(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
      for (Path entry : entries) {
        Files.deleteIfExists(entry);
        removed++;
      }
    } catch (IOException e) {
      throw StorageErrors.translate("sweeping temporary files in " + directory, e);
    }
    return removed;
  }

  /** Makes a directory's entries (creations, renames) durable. */
  public static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
    fsynced(directory);
  }

  /** Makes a file's content durable. */
  public static void fsyncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
    fsynced(file);
  }

  private static void fsynced(Path path) {
    Consumer<Path> listener = fsyncListener;
    if (listener != null) {
      listener.accept(path.toAbsolutePath().normalize());
    }
  }

  /**
   * Test hook (package-level): {@code listener} sees every path fsynced until the handle is closed. One listener
   * at a time; tests that use it filter by their own directory.
   */
  static AutoCloseable listenToFsyncs(Consumer<Path> listener) {
    synchronized (AtomicFiles.class) {
      if (fsyncListener != null) {
        throw new IllegalStateException("an fsync listener is already installed");
      }
      fsyncListener = listener;
    }
    return () -> {
      synchronized (AtomicFiles.class) {
        fsyncListener = null;
      }
    };
  }
}
