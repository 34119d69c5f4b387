package dev.quiver.engine.commit;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes the commits of one graph: an in-process lock shared by every handle on the graph in this JVM,
 * plus an OS file lock on {@code _quiver.lock} in the graph directory so that two processes are safe too
 * (invariant 10). It holds the table commits and the publish, and the staging only of an insert retried after
 * a conflict (see {@code Session}).
 */
public final class CommitGate {
  static final String LOCK_FILE = "_quiver.lock";
  private static final ConcurrentHashMap<Path, CommitGate> GATES = new ConcurrentHashMap<>();

  private final Path lockFile;
  private final ReentrantLock lock = new ReentrantLock(true);

  private CommitGate(Path lockFile) {
    this.lockFile = lockFile;
  }

  /** The gate of the graph at a directory (one per JVM and directory). */
  public static CommitGate of(Path graphRoot) {
    Path root = graphRoot.toAbsolutePath().normalize();
    return GATES.computeIfAbsent(root, r -> new CommitGate(r.resolve(LOCK_FILE)));
  }

  /**
   * Runs {@code body} holding the gate. Reentrant: a thread that holds it already (an insert retried under the
   * gate, whose commit takes it again) runs {@code body} at once; the file lock is held by the outer call.
   */
  public <T> T hold(Supplier<T> body) {
    if (lock.isHeldByCurrentThread()) {
      return body.get();
    }
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(ErrorCode.CANCELLED, "interrupted while waiting for the commit gate", e);
    }
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return body.get();
    } catch (java.nio.channels.ClosedByInterruptException | java.nio.channels.FileLockInterruptionException e) {
      throw new GraphException(ErrorCode.CANCELLED, "interrupted while taking the commit lock", e);
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "taking the commit lock " + lockFile + " failed: " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** True when the current thread holds the gate. */
  public boolean heldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }
}
