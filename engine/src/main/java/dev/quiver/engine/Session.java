package dev.quiver.engine;

import dev.quiver.engine.catalog.Catalog;

/** One connection's view of a graph: its actor, its transaction and its snapshot. Not thread-safe. */
public final class Session implements AutoCloseable {
  Session() {}

  public Snapshot snapshot() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public Catalog catalog() {
    return snapshot().catalog();
  }

  /**
   * Applies a {@code .pg} text: additive changes land as one graph commit of kind {@code schema}; anything
   * destructive or ambiguous fails and nothing changes. Returns the graph version after the apply.
   */
  public long applySchema(String schemaText) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close() {}
}
