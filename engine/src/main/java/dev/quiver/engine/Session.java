package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.SchemaChange;
import dev.quiver.engine.catalog.SchemaChanges;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.StagedWrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One connection's view of a graph: its actor, its transaction and its snapshot. Not thread-safe. */
public final class Session implements AutoCloseable {
  private final GraphStore store;
  private final SessionOptions options;
  private boolean closed;

  Session(GraphStore store, SessionOptions options) {
    this.store = requireNonNull(store, "store is null");
    this.options = requireNonNull(options, "options is null");
  }

  public GraphStore store() {
    return store;
  }

  public SessionOptions options() {
    return options;
  }

  public Snapshot snapshot() {
    checkOpen();
    return store.snapshot();
  }

  public Catalog catalog() {
    return snapshot().catalog();
  }

  /**
   * Applies a {@code .pg} text: additive changes land as one graph commit of kind {@code schema}; anything
   * destructive or ambiguous fails and nothing changes. Returns the graph version after the apply.
   */
  public long applySchema(String schemaText) {
    checkOpen();
    checkWritable();
    requireNonNull(schemaText, "schemaText is null");
    Snapshot base = store.snapshot();
    Catalog desired = store.parse(schemaText);
    Catalog current = base.catalog();
    List<SchemaChange> changes = SchemaChanges.plan(current, desired);
    if (changes.isEmpty()) {
      return base.graphVersion();
    }
    List<StagedWrite> writes = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (TableType type : desired.tables()) {
      if (current.table(type.tableKey()).isEmpty()) {
        writes.add(store.tableStore().stageCreate(type.tableKey(), type.arrowSchema()));
        expected.put(type.tableKey(), 0L);
      } else if (!current.table(type.tableKey()).get().arrowSchema().equals(type.arrowSchema())) {
        // New optional properties: rewrite the table into the desired layout, existing rows NULL there.
        long pin = base.tableVersion(type.tableKey());
        writes.add(store.tableStore().stageRewrite(type.tableKey(), pin, type.arrowSchema()));
        expected.put(type.tableKey(), pin);
      }
    }
    ManifestState published =
        store
            .committer()
            .commit(
                new CommitRequest(
                    options.actor(), "schema", expected, base.graphVersion(), writes, schemaText, options.durability()));
    return store.remember(published).graphVersion();
  }

  private void checkWritable() {
    if (options.readOnly() || store.readOnly()) {
      throw new GraphException(ErrorCode.READ_ONLY, "the connection is read-only");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new GraphException(ErrorCode.CLOSED, "the session is closed");
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
