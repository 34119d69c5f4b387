package dev.quiver.engine.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.Fragment;
import org.lance.FragmentMetadata;
import org.lance.compaction.Compaction;
import org.lance.compaction.CompactionOptions;
import org.lance.compaction.CompactionPlan;
import org.lance.compaction.RewriteResult;
import org.lance.index.DistanceType;
import org.lance.index.Index;
import org.lance.index.IndexDescription;
import org.lance.ipc.FullTextQuery;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;
import org.lance.ipc.ScanStats;
import org.lance.operation.CreateIndex;
import org.lance.operation.Rewrite;
import org.lance.operation.RewriteGroup;
import org.lance.schema.LanceField;

/**
 * Compaction, index builds, index listing and scan statistics of one table (decision 0003). Staging here,
 * like every {@code stage*} of {@link TableStore}, only writes unreferenced files; {@link #commitCompaction}
 * runs under the commit gate through {@link TableStore#commitStaged}.
 */
final class TableMaintenance {
  /** Lance's default target; fragments below it (or with many deleted rows) are candidates. */
  static final CompactionOptions COMPACTION =
      CompactionOptions.builder().withTargetRowsPerFragment(1_048_576).withMaterializeDeletions(true).build();

  /**
   * Automatic compaction's bound: only fragments below it are merged, so a table's large fragments (a bulk
   * load, an earlier optimize) are not rewritten every time a few dozen small commits pile up.
   */
  static final int SMALL_FRAGMENT_ROWS = 65_536;

  static final CompactionOptions SMALL_COMPACTION =
      CompactionOptions.builder().withTargetRowsPerFragment(SMALL_FRAGMENT_ROWS).withMaterializeDeletions(true).build();

  private TableMaintenance() {}

  /**
   * Stages what optimize does to one table: a compaction when Lance plans one (and then the indexes are
   * rebuilt at commit), else the declared indexes that are missing or do not cover every fragment, else
   * nothing.
   */
  static Optional<StagedWrite> stageOptimize(
      TableStore store, String tableKey, long readVersion, List<IndexSpec> indexes, boolean smallOnly) {
    long since = System.currentTimeMillis();
    try (Dataset pinned = store.openAt(tableKey, readVersion)) {
      CompactionPlan small = smallOnly ? Compaction.planCompaction(pinned, SMALL_COMPACTION) : null;
      // Many fragments, none of them small: the whole optimize.
      boolean merged = small != null && !small.getCompactionTasks().isEmpty();
      CompactionPlan plan = merged ? small : Compaction.planCompaction(pinned, COMPACTION);
      if (!plan.getCompactionTasks().isEmpty()) {
        List<RewriteResult> results = LanceWrites.executeCompaction(pinned, plan);
        List<RewriteGroup> groups = new ArrayList<>();
        int fragmentsAfter = pinned.getFragments().size();
        for (RewriteResult result : results) {
          groups.add(
              RewriteGroup.builder()
                  .oldFragments(result.getOriginalFragments())
                  .newFragments(result.getNewFragments())
                  .build());
          fragmentsAfter += result.getNewFragments().size() - result.getOriginalFragments().size();
        }
        // Merging only fragments no index covers leaves every index segment valid: the merged fragment is
        // simply not indexed yet (scanned flat, like any fresh append) until the next optimize.
        boolean indexed = !merged || rewritesIndexedFragments(pinned, results);
        List<IndexSpec> rebuild = fragmentsAfter > 0 && indexed ? indexes : List.of();
        return Optional.of(
            new StagedWrite(
                since,
                tableKey,
                readVersion,
                StagedWrite.Kind.COMPACT,
                Rewrite.builder().groups(groups).build(),
                0,
                0,
                rebuild));
      }
      if (smallOnly) {
        return Optional.empty(); // automatic compaction builds no index on its own
      }
      return indexOperation(pinned, indexes, true)
          .map(op -> new StagedWrite(since, tableKey, readVersion, StagedWrite.Kind.INDEX, op, 0, 0));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("staging the optimize of table '" + tableKey + "'", e);
    }
  }

  /**
   * Builds uncommitted segments over every fragment for the declared indexes (only the stale ones when {@code
   * onlyStale}) and returns the CreateIndex that swaps them for the existing indexes of the same names; empty
   * when nothing needs building or the table has no fragments. A vector index needs {@link
   * IndexSpec#MIN_VECTOR_ROWS} non-null vectors to train on: below that it is not built, and an existing one
   * is dropped when the operation replaces the others (after a compaction its segments name gone fragments).
   */
  static Optional<CreateIndex> indexOperation(Dataset pinned, List<IndexSpec> specs, boolean onlyStale) {
    List<Integer> fragmentIds = new ArrayList<>();
    for (Fragment fragment : pinned.getFragments()) {
      fragmentIds.add(fragment.getId());
    }
    if (fragmentIds.isEmpty() || specs.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<Index>> existing = new HashMap<>();
    for (Index index : pinned.getIndexes()) {
      existing.computeIfAbsent(index.name(), k -> new ArrayList<>()).add(index);
    }
    List<Index> added = new ArrayList<>();
    List<Index> removed = new ArrayList<>();
    List<Index> dropped = new ArrayList<>();
    for (IndexSpec spec : specs) {
      List<Index> segments = existing.getOrDefault(spec.name(), List.of());
      boolean current = onlyStale && covers(segments, fragmentIds);
      int partitions = 0;
      if (spec.kind() == IndexSpec.Kind.IVF_FLAT) {
        long vectors = pinned.countRows(LanceFilters.render(new Filter.Not(new Filter.IsNull(spec.column()))));
        if (vectors < IndexSpec.MIN_VECTOR_ROWS) {
          if (!current) {
            dropped.addAll(segments);
          }
          continue;
        }
        partitions = IndexSpec.partitions(vectors);
      }
      if (current) {
        continue;
      }
      added.add(LanceWrites.buildIndexSegment(pinned, spec, fragmentIds, partitions));
      removed.addAll(segments);
    }
    if (added.isEmpty()) {
      return Optional.empty();
    }
    removed.addAll(dropped);
    return Optional.of(CreateIndex.builder().withNewIndices(added).withRemovedIndices(removed).build());
  }

  private static boolean rewritesIndexedFragments(Dataset pinned, List<RewriteResult> results) {
    Set<Integer> covered = new HashSet<>();
    for (Index index : pinned.getIndexes()) {
      if (index.fragments().isEmpty()) {
        return true; // no fragment list: assume it covers every fragment
      }
      covered.addAll(index.fragments().get());
    }
    for (RewriteResult result : results) {
      for (FragmentMetadata fragment : result.getOriginalFragments()) {
        if (covered.contains(fragment.getId())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean covers(List<Index> segments, List<Integer> fragmentIds) {
    if (segments.isEmpty()) {
      return false;
    }
    Set<Integer> covered = new HashSet<>();
    for (Index segment : segments) {
      segment.fragments().ifPresent(covered::addAll);
    }
    return covered.containsAll(fragmentIds);
  }

  /**
   * Commits a staged compaction on {@code base}: the Rewrite (base + 1), then, when indexes are declared, the
   * index rebuild over the new fragments (base + 2). Each step must land on its planned version (invariant
   * 10); a failure in between leaves the table at base + 1, unpublished, for the committer to undo.
   */
  static long commitCompaction(TableStore store, StagedWrite write, long base) {
    long rewritten = store.commitOne(write.tableKey(), base, write.operation());
    if (write.indexes().isEmpty()) {
      return rewritten;
    }
    CreateIndex rebuild;
    try (Dataset compacted = store.openAt(write.tableKey(), rewritten)) {
      rebuild =
          indexOperation(compacted, write.indexes(), false)
              .orElseThrow(() -> new IllegalStateException("a compacted table has no fragments to index"));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("rebuilding the indexes of table '" + write.tableKey() + "'", e);
    }
    return store.commitOne(write.tableKey(), rewritten, rebuild);
  }

  /**
   * A staged compaction moved onto {@code version}, when what happened to the table since it was staged left
   * the compaction valid: every fragment it rewrites is still there exactly as it was (same files, same
   * deleted rows) and the indexes are the same segments over the same fragments. Appends — the small commits
   * that run while an automatic compaction stages — change neither. Empty otherwise (the caller restages).
   */
  static Optional<StagedWrite> rebaseCompaction(TableStore store, StagedWrite write, long version) {
    if (write.kind() != StagedWrite.Kind.COMPACT || !(write.operation() instanceof Rewrite rewrite)) {
      return Optional.empty();
    }
    // The staged version must still exist: cleanup treats the data files of a compaction staged on a removed
    // version as orphans and may have deleted them (decision 0003), so such a compaction is staged again.
    if (!store.versionExists(write.tableKey(), write.readVersion())) {
      return Optional.empty();
    }
    try (Dataset staged = store.openAt(write.tableKey(), write.readVersion());
        Dataset now = store.openAt(write.tableKey(), version)) {
      if (!new HashSet<>(staged.getIndexes()).equals(new HashSet<>(now.getIndexes()))) {
        return Optional.empty();
      }
      Map<Integer, FragmentMetadata> current = new HashMap<>();
      for (Fragment fragment : now.getFragments()) {
        current.put(fragment.getId(), fragment.metadata());
      }
      for (RewriteGroup group : rewrite.groups()) {
        for (FragmentMetadata old : group.oldFragments()) {
          if (!old.equals(current.get(old.getId()))) {
            return Optional.empty();
          }
        }
      }
      return Optional.of(write.rebasedOn(version));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("checking a staged compaction of table '" + write.tableKey() + "'", e);
    }
  }

  /** The indexes of a table version, in Lance's order. */
  static List<StoredIndex> indexes(Dataset pinned) {
    Map<Integer, String> columnNames = new LinkedHashMap<>();
    for (LanceField field : pinned.getLanceSchema().fields()) {
      columnNames.put(field.getId(), field.getName());
    }
    List<StoredIndex> out = new ArrayList<>();
    for (IndexDescription description : pinned.describeIndices()) {
      List<String> columns = new ArrayList<>();
      for (Integer id : description.getFieldIds()) {
        columns.add(columnNames.getOrDefault(id, "#" + id));
      }
      out.add(
          new StoredIndex(description.getName(), columns, description.getIndexType(), description.getRowsIndexed()));
    }
    return out;
  }

  /** Runs a filtered scan of the {@code id} column with statistics on. */
  static ScanCost scanCost(Dataset pinned, String filter) throws Exception {
    ScanOptions options =
        new ScanOptions.Builder().filter(filter).columns(List.of("id")).collectStats(true).build();
    long rows = 0;
    try (LanceScanner scanner = pinned.newScan(options);
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
      Optional<ScanStats> stats = scanner.getStats();
      return new ScanCost(
          rows, stats.map(ScanStats::getIndicesLoaded).orElse(0L), stats.map(ScanStats::getBytesRead).orElse(0L));
    }
  }

  /**
   * The rows whose {@code column} matches {@code text} (any of its tokens, tokenized like the INVERTED index),
   * best score first, at most {@code limit}.
   */
  static SearchHits search(Dataset pinned, String column, String text, int limit) throws Exception {
    ScanOptions options =
        new ScanOptions.Builder()
            .fullTextQuery(FullTextQuery.match(text, column))
            .columns(List.of("id", "_score"))
            .limit(limit)
            .collectStats(true)
            .build();
    return hits(pinned, options);
  }

  /**
   * The {@code k} rows whose {@code column} is nearest {@code query} by L2 distance, nearest first. Probes up
   * to {@link #NPROBES} IVF partitions, which is every partition (an exact answer) for columns with fewer than
   * {@code NPROBES * 4096} vectors; rows of fragments the index does not cover are compared flat.
   */
  static SearchHits nearest(Dataset pinned, String column, float[] query, int k) throws Exception {
    Query knn =
        new Query.Builder()
            .setColumn(column)
            .setKey(query)
            .setK(k)
            .setNprobes(NPROBES)
            .setDistanceType(DistanceType.L2)
            .build();
    ScanOptions options =
        new ScanOptions.Builder().nearest(knn).columns(List.of("id", "_distance")).collectStats(true).build();
    return hits(pinned, options);
  }

  /** IVF partitions a nearest-neighbour read probes. */
  static final int NPROBES = 32;

  private static SearchHits hits(Dataset pinned, ScanOptions options) throws Exception {
    List<String> ids = new ArrayList<>();
    try (LanceScanner scanner = pinned.newScan(options);
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VarCharVector id = (VarCharVector) reader.getVectorSchemaRoot().getVector("id");
        for (int row = 0; row < id.getValueCount(); row++) {
          ids.add(new String(id.get(row), StandardCharsets.UTF_8));
        }
      }
      Optional<ScanStats> stats = scanner.getStats();
      return new SearchHits(
          ids,
          new ScanCost(
              ids.size(),
              stats.map(ScanStats::getIndicesLoaded).orElse(0L),
              stats.map(ScanStats::getBytesRead).orElse(0L)));
    }
  }
}
