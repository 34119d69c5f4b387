package dev.quiver.engine;

import dev.quiver.engine.catalog.Catalog;

/**
 * An open graph. All connections to one location share one store handle (opened once, reference-counted),
 * so reconnecting is cheap. Thread-safe.
 */
public final class GraphStore implements AutoCloseable {
  private GraphStore() {}

  /**
   * Opens (or creates, with {@link OpenOptions#create()}) the graph at a location.
   *
   * @throws GraphException {@link ErrorCode#GRAPH_NOT_FOUND} when no graph exists and create is false
   */
  public static GraphStore open(OpenOptions options) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public String location() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public boolean readOnly() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The latest published graph version. */
  public Snapshot snapshot() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The catalog of the latest published graph version. */
  public Catalog catalog() {
    return snapshot().catalog();
  }

  public Session openSession(SessionOptions options) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close() {}
}
