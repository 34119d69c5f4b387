package dev.quiver.engine.storage;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.ipc.LanceScanner;

/**
 * A scan of one table at a pinned version, batch by batch. Owns the dataset handle, the scanner and the
 * reader; {@link #close()} releases all three. The current batch is valid until the next call to {@link
 * #next()}.
 */
public final class TableScan implements AutoCloseable {
  private final Dataset dataset;
  private final LanceScanner scanner;
  private final ArrowReader reader;
  private boolean closed;

  TableScan(Dataset dataset, LanceScanner scanner, ArrowReader reader) {
    this.dataset = dataset;
    this.scanner = scanner;
    this.reader = reader;
  }

  /** Loads the next batch; false at the end. */
  public boolean next() {
    try {
      return reader.loadNextBatch();
    } catch (IOException e) {
      throw StorageErrors.translate("reading a table scan", e);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("reading a table scan", e);
    }
  }

  public VectorSchemaRoot batch() {
    try {
      return reader.getVectorSchemaRoot();
    } catch (IOException e) {
      throw StorageErrors.translate("reading a table scan", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Throwable failure = null;
    for (AutoCloseable resource : new AutoCloseable[] {reader, scanner, dataset}) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw new dev.quiver.engine.GraphException(
          dev.quiver.engine.ErrorCode.STORAGE_FAILURE, "closing a table scan failed", failure);
    }
  }
}
