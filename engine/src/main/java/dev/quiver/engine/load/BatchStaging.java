package dev.quiver.engine.load;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Stages a load's full batches (writes their data files) on a second thread while the loader reads the next
 * rows, so that parsing and Lance's encoding run side by side instead of taking turns. One batch is staged at
 * a time: a hand-over first waits for the batch before it, so a load holds at most one batch more than the
 * ones it is filling. A staging failure reaches the loader at its next hand-over or at {@link #finish}.
 */
final class BatchStaging implements AutoCloseable {
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "quiver-load-staging");
            thread.setDaemon(true);
            return thread;
          });
  /** The batch being staged, if any. */
  private Future<?> inFlight;

  /**
   * Hands {@code batch} over to be written (by a table's {@code BatchSink::write}), then closed; first waits
   * for the batch before it.
   */
  void stage(VectorSchemaRoot batch, Consumer<VectorSchemaRoot> write) {
    try {
      finish();
      inFlight =
          worker.submit(
              () -> {
                try (batch) {
                  write.accept(batch);
                }
              });
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
  }

  /** Waits until the batch in flight is staged, and throws its failure if it failed. */
  void finish() {
    Future<?> staging = inFlight;
    if (staging == null) {
      return;
    }
    inFlight = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          staging.get();
          return;
        } catch (InterruptedException e) {
          // A native write cannot be stopped, and its batch must be freed before the load ends: wait on, and
          // leave the interrupt for the loader's next cancellation point.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException failure) {
            throw failure;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new GraphException(ErrorCode.INTERNAL, "staging a load batch failed: " + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for the batch in flight (its failure is thrown, or suppressed by a failure already on its way). */
  @Override
  public void close() {
    try {
      finish();
    } finally {
      worker.shutdown();
    }
  }
}
