package dev.quiver.engine.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.lance.CommitBuilder;
import org.lance.Dataset;
import org.lance.Fragment;
import org.lance.FragmentMetadata;
import org.lance.Transaction;
import org.lance.WriteParams;
import org.lance.cleanup.CleanupPolicy;
import org.lance.cleanup.RemovalStats;
import org.lance.compaction.CompactionPlan;
import org.lance.compaction.CompactionTask;
import org.lance.compaction.RewriteResult;
import org.lance.index.Index;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.BTreeIndexParams;
import org.lance.operation.Operation;
import org.lance.operation.Restore;

/**
 * The one door through which bytes reach Lance: every call to a Lance API that writes files or moves a
 * version lives here, and an architecture test fails if any other class calls one. Staging methods write
 * unreferenced files only; {@link #commit} and {@link #restore} are the only calls that move a HEAD.
 */
final class LanceWrites {
  private LanceWrites() {}

  /** Writes data files for new fragments. HEAD is unchanged; staged fragment ids are assigned at commit. */
  static List<FragmentMetadata> writeFragments(BufferAllocator allocator, String uri, VectorSchemaRoot rows) {
    if (rows.getRowCount() == 0) {
      return List.of();
    }
    return Fragment.write()
        .datasetUri(uri)
        .allocator(allocator)
        .data(rows)
        .writeParams(new WriteParams.Builder().build())
        .execute();
  }

  /**
   * Writes a deletion file for rows of one fragment (the union with the fragment's existing deletions).
   * Returns null when every row of the fragment is deleted.
   */
  static FragmentMetadata deleteRows(Dataset pinned, int fragmentId, List<Integer> rowOffsets) {
    return pinned.getFragment(fragmentId).deleteRows(rowOffsets);
  }

  /**
   * Commits one transaction on top of {@code base} (which must be open at the table's HEAD) with no
   * transparent retries, and returns the committed version. The caller checks it is exactly base + 1
   * (invariant 10: a Lance commit is not a compare-and-swap).
   */
  static long commit(Dataset base, Operation operation) {
    try (Transaction transaction = new Transaction.Builder().readVersion(base.version()).operation(operation).build();
        Dataset committed =
            new CommitBuilder(base).maxRetries(0).skipAutoCleanup(true).execute(transaction)) {
      return committed.version();
    }
  }

  /** Creates a table (version 1) from an Overwrite operation. */
  static long create(BufferAllocator allocator, String uri, Operation overwrite) {
    try (Transaction transaction = new Transaction.Builder().operation(overwrite).build();
        Dataset created = new CommitBuilder(uri, allocator).skipAutoCleanup(true).execute(transaction)) {
      return created.version();
    }
  }

  /** Appends a version whose content is that of {@code version}; returns the new HEAD. */
  static long restore(Dataset head, long version) {
    return commit(head, Restore.builder().version(version).build());
  }

  /**
   * Builds a BTREE index segment over {@code fragmentIds} of {@code pinned} and returns it uncommitted: the
   * index files exist, no version references them until a CreateIndex is committed (notes §6).
   */
  static Index buildBtreeSegment(Dataset pinned, String column, String name, List<Integer> fragmentIds) {
    IndexParams params = IndexParams.builder().setScalarIndexParams(BTreeIndexParams.builder().build()).build();
    return pinned.createIndex(
        IndexOptions.builder(List.of(column), IndexType.BTREE, params)
            .withIndexName(name)
            .withIndexUUID(UUID.randomUUID().toString())
            .withFragmentIds(fragmentIds)
            .replace(true) // the CreateIndex commit removes the old segments of the same name
            .build());
  }

  /** Runs every task of a compaction plan: new data files only, HEAD unchanged (notes §7). */
  static List<RewriteResult> executeCompaction(Dataset pinned, CompactionPlan plan) {
    List<RewriteResult> results = new ArrayList<>();
    for (CompactionTask task : plan.getCompactionTasks()) {
      results.add(task.execute(pinned));
    }
    return results;
  }

  /**
   * Removes every version older than {@code beforeVersion} and every file no remaining version references
   * and older than the oldest remaining version (Lance's rule; notes §5). The caller holds the commit gate.
   */
  static RemovalStats cleanup(Dataset head, long beforeVersion) {
    return head.cleanupWithPolicy(
        CleanupPolicy.builder()
            .withBeforeVersion(beforeVersion)
            .withDeleteUnverified(true)
            .withErrorIfTaggedOldVersions(false)
            .build());
  }
}
