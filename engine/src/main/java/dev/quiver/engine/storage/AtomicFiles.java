package dev.quiver.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files Quiver writes outside Lance are replaced atomically (invariant 9): written to a temporary sibling,
 * fsynced, renamed into place, and the directory fsynced. Leftover temporaries are swept on open.
 */
public final class AtomicFiles {
  static final String TEMP_SUFFIX = ".quiver-tmp";

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) {
    Path directory = target.toAbsolutePath().getParent();
    Path temp = directory.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + TEMP_SUFFIX);
    try {
      Files.createDirectories(directory);
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(directory);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw StorageErrors.translate("writing " + target.getFileName(), e);
    }
  }

  /** Deletes leftover temporaries in a directory; returns how many were removed. */
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
  }

  /** Makes a file's content durable. */
  public static void fsyncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
