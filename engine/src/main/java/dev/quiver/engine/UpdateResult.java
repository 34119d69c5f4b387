package dev.quiver.engine;

import java.util.List;

/**
 * The outcome of a statement text that changed (or could have changed) the graph.
 *
 * @param counts per statement of the text, the distinct entities of its target type it affected
 * @param affectedNodes distinct nodes affected by the whole text
 * @param affectedEdges distinct edges affected by the whole text, cascades included
 * @param graphVersion the graph version after the text: the version it published in auto-commit mode, else
 *     the version the transaction reads
 */
public record UpdateResult(List<Long> counts, long affectedNodes, long affectedEdges, long graphVersion)
    implements Result {
  public UpdateResult {
    counts = List.copyOf(counts);
  }

  /** The sum of the per-statement counts. */
  public long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }
}
