package dev.quiver.engine;

/**
 * Stops a statement: {@link #cancel()} from any thread, a deadline ({@code setQueryTimeout}), or interruption of
 * the executing thread. Work polls {@link #check()} at cancellation points — between statements, every few
 * rows of a scan or a load, before the commit gate, and between the table commits of a commit up to its
 * publish. A statement stopped there fails with {@link ErrorCode#CANCELLED} and leaves the graph as if it never
 * ran; once a commit has published, it completes.
 *
 * <p>Each session owns one; the session makes it current for the thread that executes a statement, so deep
 * code reaches it through {@link #check()} without passing it along.
 */
public final class Cancellation {
  private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

  private volatile boolean cancelled;
  private volatile long deadlineNanos;
  private volatile boolean hasDeadline;

  /** Requests that the running statement stop at its next cancellation point. */
  public void cancel() {
    cancelled = true;
  }

  /** Starts a statement: clears an earlier cancel, and sets a deadline (0 or less: none). */
  public void begin(long timeoutMillis) {
    cancelled = false;
    hasDeadline = timeoutMillis > 0;
    deadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
  }

  /** Throws {@link ErrorCode#CANCELLED} when this token was cancelled or its deadline passed. */
  public void checkToken() {
    if (cancelled) {
      throw new GraphException(ErrorCode.CANCELLED, "the statement was cancelled");
    }
    if (hasDeadline && System.nanoTime() - deadlineNanos > 0) {
      throw new GraphException(ErrorCode.CANCELLED, "the statement timed out");
    }
  }

  /** Makes this token current for the calling thread until the returned scope closes. */
  public Scope enter() {
    Cancellation previous = CURRENT.get();
    if (previous == this) {
      return NO_CHANGE;
    }
    CURRENT.set(this);
    // Restored by set, not remove: a streaming read enters once per row, and remove sweeps the thread's map.
    return () -> CURRENT.set(previous);
  }

  private static final Scope NO_CHANGE = () -> {};

  /** The token current for the calling thread, or null. */
  public static Cancellation current() {
    return CURRENT.get();
  }

  /**
   * A cancellation point: throws {@link ErrorCode#CANCELLED} if the calling thread was interrupted (the
   * interrupt flag stays set, as callers expect) or the current token was cancelled or timed out.
   */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new GraphException(ErrorCode.CANCELLED, "the statement was interrupted");
    }
    Cancellation current = CURRENT.get();
    if (current != null) {
      current.checkToken();
    }
  }

  /** The extent during which a token is current. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
