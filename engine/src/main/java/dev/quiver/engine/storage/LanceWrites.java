package dev.quiver.engine.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.lance.index.DistanceType;
import org.lance.index.Index;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.BTreeIndexParams;
import org.lance.index.scalar.InvertedIndexParams;
import org.lance.index.scalar.ScalarIndexParams;
import org.lance.index.vector.IvfBuildParams;
import org.lance.index.vector.VectorIndexParams;
import org.lance.index.vector.VectorTrainer;
import org.lance.operation.Operation;
import org.lance.operation.Restore;

/**
 * The one door through which bytes reach Lance: every call to a Lance API that writes files or moves a
 * version lives here, and an architecture test fails if any other class calls one. Staging methods write
 * unreferenced files only; {@link #commit} and {@link #restore} are the only calls that move a HEAD.
 */
final class LanceWrites {
  private LanceWrites() {}

  /**
   * Full-text tokenizer: whole words split on non-alphanumerics, lower-cased, no stemming or stop words. Lance
   * 7.0.0 needs every field set (notes §6).
   */
  private static final ScalarIndexParams INVERTED_PARAMS =
      InvertedIndexParams.builder()
          .baseTokenizer("simple")
          .language("English")
          .withPosition(false)
          .lowerCase(true)
          .stem(false)
          .removeStopWords(false)
          .asciiFolding(false)
          .maxTokenLength(40)
          .build();

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
    return commitNamed(base, operation).version();
  }

  /**
   * A commit's version and the transaction file Lance wrote for it, relative to the dataset ({@code
   * _transactions/<read version>-<uuid>.txn}), so a durable commit can fsync it without listing a directory
   * that grows with every commit.
   */
  record Committed(long version, String transactionFile) {
    /** The transaction file of {@code last} (may be null) when it produced {@code version}. */
    static java.util.Optional<String> transactionFile(Committed last, long version) {
      return last != null && last.version() == version
          ? java.util.Optional.of(last.transactionFile())
          : java.util.Optional.empty();
    }
  }

  /** {@link #commit}, also naming the transaction file. */
  static Committed commitNamed(Dataset base, Operation operation) {
    try (Transaction transaction = new Transaction.Builder().readVersion(base.version()).operation(operation).build();
        Dataset committed =
            new CommitBuilder(base).maxRetries(0).skipAutoCleanup(true).execute(transaction)) {
      return new Committed(
          committed.version(), "_transactions/" + LanceFiles.transactionPrefix(base.version()) + transaction.uuid() + ".txn");
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
   * Builds an index segment of {@code spec} over {@code fragmentIds} of {@code pinned} and returns it
   * uncommitted: the index files exist, no version references them until a CreateIndex is committed (notes
   * §6). INVERTED segments are finished with {@code mergeIndexMetadata} (without it the committed index has
   * no token file); IVF_FLAT centroids are trained first ({@code partitions} of them), as a staged vector
   * build requires.
   */
  static Index buildIndexSegment(Dataset pinned, IndexSpec spec, List<Integer> fragmentIds, int partitions) {
    IndexType type;
    IndexParams params;
    switch (spec.kind()) {
      case BTREE:
        type = IndexType.BTREE;
        params = IndexParams.builder().setScalarIndexParams(BTreeIndexParams.builder().build()).build();
        break;
      case INVERTED:
        type = IndexType.INVERTED;
        params = IndexParams.builder().setScalarIndexParams(INVERTED_PARAMS).build();
        break;
      case IVF_FLAT:
        type = IndexType.IVF_FLAT;
        float[] centroids =
            VectorTrainer.trainIvfCentroids(
                pinned,
                spec.column(),
                new IvfBuildParams.Builder().setNumPartitions(partitions).setMaxIters(20).build(),
                DistanceType.L2);
        IvfBuildParams ivf =
            new IvfBuildParams.Builder().setNumPartitions(partitions).setCentroids(centroids).build();
        params =
            IndexParams.builder()
                .setVectorIndexParams(new VectorIndexParams.Builder(ivf).setDistanceType(DistanceType.L2).build())
                .build();
        break;
      default:
        throw new IllegalArgumentException("unknown index kind " + spec.kind());
    }
    String uuid = UUID.randomUUID().toString();
    Index segment =
        pinned.createIndex(
            IndexOptions.builder(List.of(spec.column()), type, params)
                .withIndexName(spec.name())
                .withIndexUUID(uuid)
                .withFragmentIds(fragmentIds)
                .replace(true) // the CreateIndex commit removes the old segments of the same name
                .build());
    if (type == IndexType.INVERTED) {
      pinned.mergeIndexMetadata(uuid, type, Optional.empty()); // writes the merged token files, no commit
    }
    return segment;
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
