package dev.quiver.engine.sql;

import dev.quiver.engine.GraphStore;
import java.util.List;

/**
 * Where {@code QUIVER.recoveries} reads from. Recovery records are kept by the commit layer; until it keeps
 * them, {@link #NONE} lists nothing.
 */
@FunctionalInterface
public interface RecoveryLog {
  RecoveryLog NONE = store -> List.of();

  /** The recoveries of a graph, oldest first. */
  List<RecoveryEntry> recoveries(GraphStore store);
}
