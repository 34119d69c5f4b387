package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.FragmentMetadata;
import org.lance.ReadOptions;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;
import org.lance.operation.Append;
import org.lance.operation.Delete;
import org.lance.operation.Overwrite;
import org.lance.operation.Update;

/**
 * The Lance tables of one graph: pinned reads, staged writes that never move a HEAD, and the single commit
 * of a staged write. Table keys ({@code node:Person}, {@code edge:Knows}) map to datasets under {@code
 * nodes/} and {@code edges/} of the graph directory. Thread-safe: it holds no mutable state besides the
 * allocator.
 */
public final class TableStore {
  /** The latest commit this handle made to each table (see {@link #transactionFile}). */
  private final java.util.Map<String, LanceWrites.Committed> lastCommits = new java.util.concurrent.ConcurrentHashMap<>();
  /** Above this many ids an upsert locates rows by a full id scan instead of an IN list (measured, notes §2.4). */
  private static final int IN_LIST_LIMIT = 100;

  private final Path root;
  private final BufferAllocator allocator;

  public TableStore(Path root, BufferAllocator allocator) {
    this.root = requireNonNull(root, "root is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  /** The allocator batches handed to {@code stage*} must come from (Lance's C data export needs one root). */
  public BufferAllocator allocator() {
    return allocator;
  }

  public Path root() {
    return root;
  }

  /** The directory of a table: {@code nodes/Person} for {@code node:Person}. */
  public Path tablePath(String tableKey) {
    int colon = tableKey.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a table key: " + tableKey);
    }
    String kind = tableKey.substring(0, colon);
    String name = tableKey.substring(colon + 1);
    return switch (kind) {
      case "node" -> root.resolve("nodes").resolve(name);
      case "edge" -> root.resolve("edges").resolve(name);
      default -> throw new IllegalArgumentException("not a table key: " + tableKey);
    };
  }

  String uri(String tableKey) {
    return tablePath(tableKey).toString();
  }

  public boolean exists(String tableKey) {
    return Files.isDirectory(tablePath(tableKey).resolve("_versions"));
  }

  /**
   * The table's Lance HEAD: what an unpinned open would read. Only the commit protocol may look at it. Read
   * from Lance's version hint when it can be trusted ({@link LanceFiles#hintedLatestVersion}), as every
   * commit asks for each table it touches.
   */
  public long head(String tableKey) {
    long hinted = LanceFiles.hintedLatestVersion(tablePath(tableKey));
    if (hinted > 0) {
      return hinted;
    }
    try (Dataset latest = Dataset.open(uri(tableKey), allocator)) {
      return latest.version();
    } catch (RuntimeException e) {
      throw StorageErrors.translate("reading the head of table '" + tableKey + "'", e);
    }
  }

  Dataset openAt(String tableKey, long version) {
    try {
      return Dataset.open(allocator, uri(tableKey), new ReadOptions.Builder().setVersion(version).build());
    } catch (RuntimeException e) {
      throw StorageErrors.translate("opening table '" + tableKey + "' at version " + version, e);
    }
  }

  /** The Arrow schema of a table at a version. */
  public Schema schema(String tableKey, long version) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return dataset.getSchema();
    }
  }

  /** Rows visible at a version, optionally filtered. */
  public long countRows(String tableKey, long version, Filter filter) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return filter == null ? dataset.countRows() : dataset.countRows(LanceFilters.render(filter));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("counting rows of table '" + tableKey + "'", e);
    }
  }

  /**
   * Opens a scan of a table at a pinned version.
   *
   * @param columns the columns to read, or null for all
   * @param filter rows to keep, or null for all
   */
  public TableScan openScan(String tableKey, long version, List<String> columns, Filter filter) {
    Dataset dataset = openAt(tableKey, version);
    try {
      ScanOptions.Builder options = new ScanOptions.Builder().batchSize(8192);
      if (columns != null) {
        options.columns(columns);
      }
      if (filter != null) {
        options.filter(LanceFilters.render(filter));
      }
      LanceScanner scanner = dataset.newScan(options.build());
      ArrowReader reader;
      try {
        reader = scanner.scanBatches();
      } catch (RuntimeException e) {
        closeQuietly(scanner, e);
        throw e;
      }
      return new TableScan(dataset, scanner, reader);
    } catch (RuntimeException e) {
      closeQuietly(dataset, e);
      throw StorageErrors.translate("scanning table '" + tableKey + "' at version " + version, e);
    }
  }

  /** Stages new rows (strict insert): data files only. */
  public StagedWrite stageAppend(String tableKey, long readVersion, VectorSchemaRoot rows) {
    long since = System.currentTimeMillis();
    try {
      List<FragmentMetadata> fragments = LanceWrites.writeFragments(allocator, uri(tableKey), rows);
      return new StagedWrite(since,
          tableKey,
          readVersion,
          StagedWrite.Kind.APPEND,
          Append.builder().fragments(fragments).build(),
          rows.getRowCount(),
          0);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("staging an append to table '" + tableKey + "'", e);
    }
  }

  /**
   * Stages an upsert by {@code id} as ONE Update transaction: deletion vectors on the committed rows whose
   * ids appear in {@code rows}, plus new fragments holding {@code rows} (invariant 6: never delete-then-add).
   * The ids in {@code rows} must be distinct.
   */
  public StagedWrite stageUpsert(String tableKey, long readVersion, VectorSchemaRoot rows) {
    BatchSink sink = openSink(tableKey, readVersion);
    sink.write(rows);
    return sink.finishUpsert(idsOf(rows));
  }

  /**
   * Stages a delete of the rows matching {@code filter} as deletion vectors. Returns empty when nothing
   * matches: a no-op delete stages nothing and so creates no version (invariant 5).
   */
  public Optional<StagedWrite> stageDelete(String tableKey, long readVersion, Filter filter) {
    long since = System.currentTimeMillis();
    requireNonNull(filter, "filter is null");
    try (Dataset pinned = openAt(tableKey, readVersion)) {
      // A transaction's deletes arrive as one id IN list (a cascade's can hold thousands of edge ids): a long
      // list is matched in Java over a scan of the id column, as an upsert's is, not parsed by Lance.
      Map<Integer, List<Integer>> hits =
          filter instanceof Filter.In in && in.column().equals("id") && in.values().size() > IN_LIST_LIMIT
                  && in.values().stream().allMatch(String.class::isInstance)
              ? rowAddressesOfIds(pinned, new java.util.HashSet<>(in.values().stream().map(String.class::cast).toList()))
              : rowAddresses(pinned, LanceFilters.render(filter));
      if (hits.isEmpty()) {
        return Optional.empty();
      }
      List<Long> removed = new ArrayList<>();
      List<FragmentMetadata> updated = new ArrayList<>();
      long deleted = applyDeletions(pinned, hits, removed, updated);
      Delete delete =
          Delete.builder()
              .updatedFragments(updated)
              .deletedFragmentIds(removed)
              .predicate(LanceFilters.render(filter))
              .build();
      return Optional.of(new StagedWrite(since, tableKey, readVersion, StagedWrite.Kind.DELETE, delete, 0, deleted));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("staging a delete from table '" + tableKey + "'", e);
    }
  }

  /** Stages a replacement of the whole table by {@code rows} (null or empty: an empty table) with {@code schema}. */
  public StagedWrite stageOverwrite(String tableKey, long readVersion, Schema schema, VectorSchemaRoot rows) {
    long since = System.currentTimeMillis();
    try {
      List<FragmentMetadata> fragments =
          rows == null ? List.of() : LanceWrites.writeFragments(allocator, uri(tableKey), rows);
      long removed = readVersion > 0 ? countRows(tableKey, readVersion, null) : 0;
      return new StagedWrite(since,
          tableKey,
          readVersion,
          StagedWrite.Kind.OVERWRITE,
          Overwrite.builder().fragments(fragments).schema(schema).build(),
          rows == null ? 0 : rows.getRowCount(),
          removed);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("staging an overwrite of table '" + tableKey + "'", e);
    }
  }

  /**
   * Stages a rewrite of the whole table into {@code newSchema}: columns the old schema has are carried over by
   * name, columns it lacks are NULL (used to add optional properties). One Overwrite; HEAD unchanged.
   */
  public StagedWrite stageRewrite(String tableKey, long readVersion, Schema newSchema) {
    long since = System.currentTimeMillis();
    List<FragmentMetadata> fragments = new ArrayList<>();
    long rows = 0;
    try (TableScan scan = openScan(tableKey, readVersion, null, null)) {
      while (scan.next()) {
        VectorSchemaRoot batch = scan.batch();
        try (VectorSchemaRoot rewritten = VectorSchemaRoot.create(newSchema, allocator)) {
          rewritten.allocateNew();
          for (org.apache.arrow.vector.FieldVector target : rewritten.getFieldVectors()) {
            org.apache.arrow.vector.FieldVector source = batch.getVector(target.getName());
            if (source != null) {
              for (int i = 0; i < batch.getRowCount(); i++) {
                target.copyFromSafe(i, i, source);
              }
            } else {
              for (int i = 0; i < batch.getRowCount(); i++) {
                target.setNull(i);
              }
            }
            target.setValueCount(batch.getRowCount());
          }
          rewritten.setRowCount(batch.getRowCount());
          rows += batch.getRowCount();
          fragments.addAll(LanceWrites.writeFragments(allocator, uri(tableKey), rewritten));
        }
      }
    } catch (RuntimeException e) {
      throw StorageErrors.translate("staging a rewrite of table '" + tableKey + "'", e);
    }
    return new StagedWrite(
        since,
        tableKey,
        readVersion,
        StagedWrite.Kind.OVERWRITE,
        Overwrite.builder().fragments(fragments).schema(newSchema).build(),
        rows,
        rows);
  }

  /**
   * Opens a sink that stages rows batch by batch (bulk load): each batch becomes data files at once, so
   * memory is bounded by the batch, not the input. {@link BatchSink#finish} turns the files into one staged
   * write; abandoning the sink leaves only unreferenced files.
   */
  public BatchSink openSink(String tableKey, long readVersion) {
    return new BatchSink(tableKey, readVersion);
  }

  /** Stages rows in batches; see {@link #openSink}. */
  public final class BatchSink {
    private final String tableKey;
    private final long readVersion;
    private final long since = System.currentTimeMillis();
    private final List<FragmentMetadata> fragments = new ArrayList<>();
    private long rows;

    private BatchSink(String tableKey, long readVersion) {
      this.tableKey = tableKey;
      this.readVersion = readVersion;
    }

    public void write(VectorSchemaRoot batch) {
      try {
        fragments.addAll(LanceWrites.writeFragments(allocator, uri(tableKey), batch));
        rows += batch.getRowCount();
      } catch (RuntimeException e) {
        throw StorageErrors.translate("staging rows for table '" + tableKey + "'", e);
      }
    }

    public long rows() {
      return rows;
    }

    /** New rows only: an Append. */
    public StagedWrite finishAppend() {
      return new StagedWrite(
          since, tableKey, readVersion, StagedWrite.Kind.APPEND, Append.builder().fragments(fragments).build(), rows, 0);
    }

    /** Replaces the committed rows whose ids are in {@code ids} (the ids of every written row): one Update. */
    public StagedWrite finishUpsert(Set<String> ids) {
      try (Dataset pinned = openAt(tableKey, readVersion)) {
        Map<Integer, List<Integer>> hits = rowAddressesOfIds(pinned, ids);
        List<Long> removed = new ArrayList<>();
        List<FragmentMetadata> updated = new ArrayList<>();
        long replaced = applyDeletions(pinned, hits, removed, updated);
        Update update =
            Update.builder()
                .removedFragmentIds(removed)
                .updatedFragments(updated)
                .newFragments(fragments)
                .updateMode(Optional.of(Update.UpdateMode.RewriteRows))
                .build();
        return new StagedWrite(since, tableKey, readVersion, StagedWrite.Kind.UPSERT, update, rows, replaced);
      } catch (RuntimeException e) {
        throw StorageErrors.translate("staging an upsert to table '" + tableKey + "'", e);
      }
    }

    /** Replaces the whole table by the written rows: one Overwrite. */
    public StagedWrite finishOverwrite(Schema schema) {
      long removed = countRows(tableKey, readVersion, null);
      return new StagedWrite(
          since,
          tableKey,
          readVersion,
          StagedWrite.Kind.OVERWRITE,
          Overwrite.builder().fragments(fragments).schema(schema).build(),
          rows,
          removed);
    }
  }

  /** Stages the creation of an empty table with {@code schema}. */
  public StagedWrite stageCreate(String tableKey, Schema schema) {
    long since = System.currentTimeMillis();
    return new StagedWrite(since,
        tableKey, 0, StagedWrite.Kind.CREATE, Overwrite.builder().fragments(List.of()).schema(schema).build(), 0, 0);
  }

  /**
   * Commits a staged write on top of the table's current HEAD, which the caller (holding the commit gate) has
   * checked equals {@code baseVersion} and has the content of the write's read version. Returns the new
   * version. A result other than {@code baseVersion + 1} means a foreign writer slipped in: the commit is
   * torn, the table is restored to {@code baseVersion}'s content, and a {@link TornCommitException} is thrown
   * so nothing is published (invariant 10).
   */
  public long commitStaged(StagedWrite write, long baseVersion) {
    String tableKey = write.tableKey();
    if (write.kind() == StagedWrite.Kind.CREATE) {
      if (exists(tableKey)) {
        throw new GraphException(ErrorCode.STORAGE_FAILURE, "table '" + tableKey + "' already exists");
      }
      try {
        return LanceWrites.create(allocator, uri(tableKey), write.operation());
      } catch (RuntimeException e) {
        throw StorageErrors.translate("creating table '" + tableKey + "'", e);
      }
    }
    if (write.kind() == StagedWrite.Kind.COMPACT) {
      return TableMaintenance.commitCompaction(this, write, baseVersion);
    }
    return commitOne(tableKey, baseVersion, write.operation());
  }

  /** One Lance commit on {@code baseVersion} that must land on {@code baseVersion + 1}; see {@link #commitStaged}. */
  long commitOne(String tableKey, long baseVersion, org.lance.operation.Operation operation) {
    long committed;
    try (Dataset base = openAt(tableKey, baseVersion)) {
      LanceWrites.Committed done = LanceWrites.commitNamed(base, operation);
      committed = done.version();
      lastCommits.put(tableKey, done);
    } catch (RuntimeException e) {
      if (StorageErrors.isCommitConflict(e)) {
        throw new TornCommitException(tableKey, baseVersion, -1, e);
      }
      throw StorageErrors.translate("committing to table '" + tableKey + "'", e);
    }
    if (committed != baseVersion + 1) {
      restore(tableKey, baseVersion);
      throw new TornCommitException(tableKey, baseVersion, committed, null);
    }
    return committed;
  }

  /**
   * The transaction file of this handle's latest commit to a table, when it produced {@code version}
   * (relative to the table directory); empty otherwise (the caller lists the directory).
   */
  public Optional<String> transactionFile(String tableKey, long version) {
    return LanceWrites.Committed.transactionFile(lastCommits.get(tableKey), version);
  }

  // ---- maintenance (decision 0003) ------------------------------------------------------------------

  /**
   * Stages what {@code optimize} does to a table at {@code readVersion}: a compaction (the declared {@code
   * indexes} rebuilt at commit), or builds of missing or partial indexes, or nothing (empty).
   */
  public Optional<StagedWrite> stageOptimize(String tableKey, long readVersion, List<IndexSpec> indexes) {
    return TableMaintenance.stageOptimize(this, tableKey, readVersion, indexes, false);
  }

  /**
   * Stages automatic compaction of one table: merges only its small fragments and, when none of them was
   * indexed, leaves the indexes as they are (docs/maintenance.md); falls back to {@link #stageOptimize} when
   * no fragment is small. Empty when there is nothing to merge.
   */
  public Optional<StagedWrite> stageSmallCompaction(String tableKey, long readVersion, List<IndexSpec> indexes) {
    return TableMaintenance.stageOptimize(this, tableKey, readVersion, indexes, true);
  }

  /** Whether a version of a table still has its manifest (cleanup removes old ones). */
  boolean versionExists(String tableKey, long version) {
    return LanceFiles.manifestExists(tablePath(tableKey), version);
  }

  /**
   * The staged compaction {@code write}, moved onto table version {@code version} when only changes that leave
   * it valid (appends) happened since it was staged; empty when it must be staged again. Commit protocol only.
   */
  public Optional<StagedWrite> rebaseCompaction(StagedWrite write, long version) {
    return TableMaintenance.rebaseCompaction(this, write, version);
  }

  /** The indexes of a table version. */
  public List<StoredIndex> indexes(String tableKey, long version) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return TableMaintenance.indexes(dataset);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("listing the indexes of table '" + tableKey + "'", e);
    }
  }

  /** The number of fragments of a table version (many small ones slow scans; optimize merges them). */
  public int fragmentCount(String tableKey, long version) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return dataset.getFragments().size();
    }
  }

  /** Runs a filtered scan with Lance's statistics on: shows whether an index answered the filter. */
  public ScanCost scanCost(String tableKey, long version, Filter filter) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return TableMaintenance.scanCost(dataset, LanceFilters.render(filter));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("scanning table '" + tableKey + "' at version " + version, e);
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /**
   * Full-text read: ids of the rows whose String {@code column} contains any word of {@code text} (lower-cased
   * whole words, as the INVERTED index tokenizes), best score first, at most {@code limit}. Answered by the
   * column's {@code <column>_fts} index, which {@code optimize} builds for a String declared {@code @index}.
   */
  public SearchHits search(String tableKey, long version, String column, String text, int limit) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return TableMaintenance.search(dataset, column, text, limit);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("full-text search of table '" + tableKey + "' at version " + version, e);
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /**
   * Nearest-neighbour read: ids of the {@code k} rows whose {@code Vector(n)} {@code column} is nearest {@code
   * query} (L2), nearest first. Uses the column's {@code <column>_ivf} index when optimize built one.
   */
  public SearchHits nearest(String tableKey, long version, String column, float[] query, int k) {
    try (Dataset dataset = openAt(tableKey, version)) {
      return TableMaintenance.nearest(dataset, column, query, k);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("nearest-neighbour search of table '" + tableKey + "' at version " + version, e);
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /**
   * Removes the table's versions older than {@code keepFrom} and the files no remaining version references
   * (orphans of abandoned staging included, when older than the oldest remaining version). Call it holding
   * the commit gate: the caller guarantees no pinned version is older than {@code keepFrom}.
   */
  public CleanupStats cleanup(String tableKey, long keepFrom) {
    try (Dataset head = Dataset.open(uri(tableKey), allocator)) {
      return CleanupStats.of(LanceWrites.cleanup(head, keepFrom));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("cleaning up table '" + tableKey + "'", e);
    }
  }

  /**
   * Moves HEAD forward to a new version whose content is that of {@code version} (Lance restore appends a
   * version; it never rewrites history). Returns the new HEAD.
   */
  public long restore(String tableKey, long version) {
    try (Dataset head = Dataset.open(uri(tableKey), allocator)) {
      return LanceWrites.restore(head, version);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("restoring table '" + tableKey + "' to version " + version, e);
    }
  }

  private long applyDeletions(
      Dataset pinned, Map<Integer, List<Integer>> hits, List<Long> removed, List<FragmentMetadata> updated) {
    long count = 0;
    for (Map.Entry<Integer, List<Integer>> entry : hits.entrySet()) {
      count += entry.getValue().size();
      FragmentMetadata metadata = LanceWrites.deleteRows(pinned, entry.getKey(), entry.getValue());
      if (metadata == null) {
        removed.add((long) entry.getKey());
      } else {
        updated.add(metadata);
      }
    }
    return count;
  }

  private static Set<String> idsOf(VectorSchemaRoot rows) {
    VarCharVector ids = (VarCharVector) rows.getVector("id");
    Set<String> out = new HashSet<>();
    for (int i = 0; i < rows.getRowCount(); i++) {
      if (!out.add(new String(ids.get(i), StandardCharsets.UTF_8))) {
        throw new GraphException(
            ErrorCode.INTERNAL, "upsert batch holds id '" + new String(ids.get(i), StandardCharsets.UTF_8) + "' twice");
      }
    }
    return out;
  }

  private Map<Integer, List<Integer>> rowAddressesOfIds(Dataset pinned, Set<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    if (ids.size() <= IN_LIST_LIMIT) {
      return rowAddresses(pinned, LanceFilters.render(new Filter.In("id", List.copyOf(ids))));
    }
    ScanOptions options =
        new ScanOptions.Builder().withRowAddress(true).columns(List.of("id")).batchSize(65536).build();
    return rowAddresses(
        pinned,
        options,
        (batch, i) ->
            ids.contains(new String(((VarCharVector) batch.getVector("id")).get(i), StandardCharsets.UTF_8)));
  }

  private static Map<Integer, List<Integer>> rowAddresses(Dataset pinned, String filter) {
    ScanOptions options =
        new ScanOptions.Builder().filter(filter).withRowAddress(true).columns(List.of("id")).build();
    return rowAddresses(pinned, options, (batch, i) -> true);
  }

  /** Which rows of a batch to keep. */
  private interface RowTest {
    boolean keep(VectorSchemaRoot batch, int row);
  }

  /** Row addresses (by fragment) of the scanned rows that pass {@code test}. */
  private static Map<Integer, List<Integer>> rowAddresses(Dataset pinned, ScanOptions options, RowTest test) {
    Map<Integer, List<Integer>> byFragment = new TreeMap<>();
    try (LanceScanner scanner = pinned.newScan(options);
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        UInt8Vector addresses = (UInt8Vector) batch.getVector("_rowaddr");
        for (int i = 0; i < batch.getRowCount(); i++) {
          if (test.keep(batch, i)) {
            addRowAddress(byFragment, addresses.get(i));
          }
        }
      }
    } catch (java.io.IOException e) {
      throw StorageErrors.translate("locating rows", e);
    } catch (Exception e) {
      throw rethrow(e);
    }
    return byFragment;
  }

  private static void addRowAddress(Map<Integer, List<Integer>> byFragment, long address) {
    // A row address is (fragment id << 32) | row offset within the fragment.
    byFragment.computeIfAbsent((int) (address >>> 32), k -> new ArrayList<>()).add((int) (address & 0xffffffffL));
  }

  private static RuntimeException rethrow(Exception e) {
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new GraphException(ErrorCode.STORAGE_FAILURE, "storage failed: " + StorageErrors.firstLine(e), e);
  }

  private static void closeQuietly(AutoCloseable resource, Throwable into) {
    try {
      resource.close();
    } catch (Exception e) {
      into.addSuppressed(e);
    }
  }
}
