package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One published graph commit, as listed in {@code QUIVER.commits}.
 *
 * @param graphVersion the graph version the commit published
 * @param committedAt when it was published
 * @param actor who made it ({@code quiver:recovery} for recovery commits)
 * @param kind {@code mutation}, {@code load}, {@code schema}, {@code optimize} or {@code recovery}
 * @param tables the manifest keys of the tables it moved, sorted
 */
public record CommitRecord(long graphVersion, Instant committedAt, String actor, String kind, List<String> tables) {
  public CommitRecord {
    requireNonNull(committedAt, "committedAt is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(kind, "kind is null");
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
  }
}
