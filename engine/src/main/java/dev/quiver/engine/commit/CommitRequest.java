package dev.quiver.engine.commit;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Durability;
import dev.quiver.engine.storage.StagedWrite;
import java.util.List;
import java.util.Map;

/**
 * One graph commit to make.
 *
 * @param actor recorded on the commit
 * @param kind {@code mutation}, {@code load}, {@code schema}, {@code optimize} or {@code recovery}
 * @param expectedVersions the table versions this transaction first read or wrote (0 for a table it creates);
 *     the publish succeeds only if the manifest still pins exactly these
 * @param expectedGraphVersion the graph version the whole commit must start from, or -1 when only the tables
 *     matter (schema changes use it, since they rewrite the catalog)
 * @param writes staged writes, at most one per table, each staged against its expected version
 * @param schemaText the schema to publish, or null to keep the current one
 * @param durability what the commit waits for
 */
public record CommitRequest(
    String actor,
    String kind,
    Map<String, Long> expectedVersions,
    long expectedGraphVersion,
    List<StagedWrite> writes,
    String schemaText,
    Durability durability) {
  public CommitRequest {
    requireNonNull(actor, "actor is null");
    requireNonNull(kind, "kind is null");
    expectedVersions = Map.copyOf(requireNonNull(expectedVersions, "expectedVersions is null"));
    writes = List.copyOf(requireNonNull(writes, "writes is null"));
    requireNonNull(durability, "durability is null");
    for (StagedWrite write : writes) {
      Long expected = expectedVersions.get(write.tableKey());
      if (expected == null || expected != write.readVersion()) {
        throw new IllegalArgumentException(
            "write " + write + " was not staged against the expected version " + expected);
      }
    }
  }
}
