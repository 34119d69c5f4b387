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
  /** The token current on one thread. A streaming cursor keeps its thread's slot to enter it cheaply per row. */
  public static final class Slot {
    private final Thread owner = Thread.currentThread();
    private Cancellation current;

    private Slot() {}

    /** Whether this is the calling thread's slot. */
    public boolean ownedByCurrentThread() {
      return owner == Thread.currentThread();
    }
  }

  private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

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
    Slot slot = CURRENT.get();
    Cancellation previous = slot.current;
    if (previous == this) {
      return NO_CHANGE;
    }
    slot.current = this;
    return () -> slot.current = previous;
  }

  private static final Scope NO_CHANGE = () -> {};

  /** The calling thread's slot (see {@link #swapInto}). */
  public static Slot slot() {
    return CURRENT.get();
  }

  /**
   * Makes this token current in {@code slot} (which must be the calling thread's) and returns the one it
   * replaces, for {@link #restore}: {@link #enter} without a thread-local lookup or an allocation, for cursors
   * that enter once per row.
   */
  public Cancellation swapInto(Slot slot) {
    Cancellation previous = slot.current;
    slot.current = this;
    return previous;
  }

  /** Puts back the token {@link #swapInto} replaced. */
  public static void restore(Slot slot, Cancellation previous) {
    slot.current = previous;
  }

  /** The token current for the calling thread, or null. */
  public static Cancellation current() {
    return CURRENT.get().current;
  }

  /**
   * A cancellation point: throws {@link ErrorCode#CANCELLED} if the calling thread was interrupted (the
   * interrupt flag stays set, as callers expect) or the current token was cancelled or timed out.
   */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new GraphException(ErrorCode.CANCELLED, "the statement was interrupted");
    }
    Cancellation current = CURRENT.get().current;
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
