package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.CommitRecord;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.RecoveryRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.FragmentMetadata;
import org.lance.ReadOptions;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;
import org.lance.operation.Overwrite;

/**
 * The graph manifest: a small Lance dataset {@code __manifest} whose version N is graph version N. Each
 * version holds one row per table (its pinned Lance version), one row with the schema text, and one row
 * recording the commit that published it. A recovery commit's row also carries the recovery's outcome and the
 * actor of the commit it recovered: that is the {@code QUIVER.recoveries} audit, atomic with its publish.
 *
 * <p>A publish is a whole-table Overwrite committed with the read version, no retries and the same config key
 * every time, so two publishers racing from one manifest version cannot both win (measured: notes §4). The
 * commit gate already serializes publishers of one graph; the CAS is the safety net.
 */
public final class ManifestStore {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              Field.notNullable("kind", new ArrowType.Utf8()),
              Field.notNullable("key", new ArrowType.Utf8()),
              Field.nullable("version", new ArrowType.Int(64, true)),
              Field.nullable("text", new ArrowType.Utf8()),
              Field.nullable("actor", new ArrowType.Utf8()),
              Field.nullable("commit_kind", new ArrowType.Utf8()),
              Field.nullable("committed_at", new ArrowType.Int(64, true)),
              // Added for recovery audits; absent from manifest versions written before them (read as null).
              Field.nullable("recovery_outcome", new ArrowType.Utf8()),
              Field.nullable("recovered_actor", new ArrowType.Utf8())));

  private static final String GRAPH_VERSION_KEY = "quiver.graph_version";
  private static final String TABLE = "table";
  private static final String SCHEMA_ROW = "schema";
  private static final String COMMIT_ROW = "commit";

  private final Path path;
  private final BufferAllocator allocator;
  private volatile ManifestState lastKnown;
  /** The latest publish of this handle (see {@link #transactionFile}). */
  private volatile LanceWrites.Committed lastPublish;
  /** The data files of the last version this store published, for {@link #publishedFiles}. */
  private volatile PublishedFiles lastPublished;

  private record PublishedFiles(long version, List<String> files) {}

  private record Audit(String outcome, String recoveredActor) {}

  public ManifestStore(Path graphRoot, BufferAllocator allocator) {
    this.path = requireNonNull(graphRoot, "graphRoot is null").resolve("__manifest");
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  /** Whether a graph has been created here (the manifest exists). */
  public boolean exists() {
    return Files.isDirectory(path.resolve("_versions"));
  }

  /**
   * The latest published graph version. Every statement asks (a snapshot must be fresh, and other processes
   * may publish), so it is answered without opening the dataset when it can be: Lance's version hint names a
   * recent version, and the manifests after it that exist (a hint may lag, never lead) make the latest. Only
   * a missing or unreadable hint, or a hinted version whose manifest is gone, costs a {@code Dataset.open}
   * (0.2–0.9 ms here, against some 20 µs).
   */
  public long latestVersion() {
    ManifestState known = lastKnown;
    long hinted = LanceFiles.latestVersionSince(path, known == null ? 0 : known.version());
    if (hinted > 0) {
      return hinted;
    }
    try (Dataset latest = Dataset.open(path.toString(), allocator)) {
      return latest.version();
    } catch (RuntimeException e) {
      throw StorageErrors.translate("reading the graph manifest", e);
    }
  }

  /**
   * The transaction file of this handle's latest publish, when it produced {@code version} (relative to the
   * manifest dataset); empty otherwise.
   */
  public Optional<String> transactionFile(long version) {
    return LanceWrites.Committed.transactionFile(lastPublish, version);
  }

  /** The latest published manifest. */
  public ManifestState read() {
    // A manifest version never changes, so the last one read or published is reused while it is the latest.
    ManifestState cached = lastKnown;
    if (cached != null && cached.version() == latestVersion()) {
      return cached;
    }
    try (Dataset latest = Dataset.open(path.toString(), allocator)) {
      return remember(readRows(latest));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("reading the graph manifest", e);
    }
  }

  private ManifestState remember(ManifestState state) {
    synchronized (this) {
      if (lastKnown == null || lastKnown.version() < state.version()) {
        lastKnown = state;
      }
    }
    return state;
  }

  /** The manifest as published at a graph version. */
  public ManifestState read(long graphVersion) {
    try (Dataset pinned =
        Dataset.open(allocator, path.toString(), new ReadOptions.Builder().setVersion(graphVersion).build())) {
      return readRows(pinned);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("reading graph version " + graphVersion, e);
    }
  }

  /**
   * Removes graph versions older than {@code keepFrom} (and unreferenced manifest files). Call it holding the
   * commit gate; readers of a removed graph version get an error naming it.
   */
  public CleanupStats cleanup(long keepFrom) {
    try (Dataset latest = Dataset.open(path.toString(), allocator)) {
      return CleanupStats.of(LanceWrites.cleanup(latest, keepFrom));
    } catch (RuntimeException e) {
      throw StorageErrors.translate("cleaning up the graph manifest", e);
    }
  }

  /** Creates the manifest as graph version 1. */
  public ManifestState create(Map<String, Long> tables, String schemaText, String actor, String kind) {
    CommitRecord commit = commitRecord(1, actor, kind, tables.keySet());
    List<FragmentMetadata> fragments = writeRows(tables, schemaText, commit, Optional.empty());
    try {
      long version =
          LanceWrites.create(allocator, path.toString(), Overwrite.builder().fragments(fragments).schema(SCHEMA)
              .configUpsertValues(Map.of(GRAPH_VERSION_KEY, "1")).build());
      if (version != 1) {
        throw new GraphException(ErrorCode.INTERNAL, "a new manifest landed on version " + version);
      }
      return new ManifestState(version, tables, schemaText, commit);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("creating the graph manifest", e);
    }
  }

  /**
   * Publishes graph version {@code readVersion + 1} with the given table pins and schema, if nobody published
   * since {@code readVersion}. Throws {@link PublishRaceException} when another publish won.
   *
   * @param movedTables the tables this commit moved (recorded in the commit record)
   */
  public ManifestState publish(
      long readVersion,
      Map<String, Long> tables,
      String schemaText,
      String actor,
      String kind,
      List<String> movedTables) {
    return publish(readVersion, tables, schemaText, actor, kind, movedTables, null);
  }

  /**
   * Publishes a recovery: like {@link #publish(long, Map, String, String, String, List)}, with the recovery's
   * outcome and the recovered commit's actor recorded on the commit row (the audit is atomic with the publish).
   *
   * @param outcome {@link RecoveryRecord#ROLLED_FORWARD} or {@link RecoveryRecord#ROLLED_BACK}, or null for an
   *     ordinary commit
   * @param recoveredActor the actor of the interrupted commit (ignored when {@code outcome} is null)
   */
  public ManifestState publishRecovery(
      long readVersion,
      Map<String, Long> tables,
      String schemaText,
      String actor,
      String kind,
      List<String> movedTables,
      String outcome,
      String recoveredActor) {
    requireNonNull(outcome, "outcome is null");
    requireNonNull(recoveredActor, "recoveredActor is null");
    return publish(readVersion, tables, schemaText, actor, kind, movedTables, new Audit(outcome, recoveredActor));
  }

  private ManifestState publish(
      long readVersion,
      Map<String, Long> tables,
      String schemaText,
      String actor,
      String kind,
      List<String> movedTables,
      Audit recoveryAudit) {
    CommitRecord commit = commitRecord(readVersion + 1, actor, kind, movedTables);
    Optional<RecoveryRecord> recovery =
        recoveryAudit == null
            ? Optional.empty()
            : Optional.of(new RecoveryRecord(commit.committedAt(), recoveryAudit.outcome(), recoveryAudit.recoveredActor(), commit.tables()));
    List<FragmentMetadata> fragments = writeRows(tables, schemaText, commit, recovery);
    Overwrite overwrite =
        Overwrite.builder()
            .fragments(fragments)
            .schema(SCHEMA)
            .configUpsertValues(Map.of(GRAPH_VERSION_KEY, Long.toString(readVersion + 1)))
            .build();
    long committed;
    try (Dataset base =
        Dataset.open(allocator, path.toString(), new ReadOptions.Builder().setVersion(readVersion).build())) {
      LanceWrites.Committed done = LanceWrites.commitNamed(base, overwrite);
      committed = done.version();
      lastPublish = done;
    } catch (RuntimeException e) {
      if (StorageErrors.isCommitConflict(e)) {
        throw new PublishRaceException(readVersion, e);
      }
      throw StorageErrors.translate("publishing graph version " + (readVersion + 1), e);
    }
    if (committed != readVersion + 1) {
      // Never observed for whole-table Overwrites with a shared config key; refuse to pretend it worked.
      throw new GraphException(
          ErrorCode.INTERNAL, "manifest publish from version " + readVersion + " landed on version " + committed);
    }
    lastPublished = new PublishedFiles(committed, LanceFiles.of(fragments, List.of()));
    return remember(new ManifestState(committed, tables, schemaText, commit, recovery));
  }

  /**
   * The files (relative to {@code __manifest/}) that this store's publish of {@code version} wrote, or empty
   * when another handle published it.
   */
  public java.util.Optional<List<String>> publishedFiles(long version) {
    PublishedFiles published = lastPublished;
    return published != null && published.version() == version
        ? java.util.Optional.of(published.files())
        : java.util.Optional.empty();
  }

  /** The manifest's dataset directory. */
  public Path path() {
    return path;
  }

  private static CommitRecord commitRecord(long graphVersion, String actor, String kind, java.util.Collection<String> tables) {
    List<String> sorted = new ArrayList<>(tables);
    sorted.sort(null);
    return new CommitRecord(graphVersion, Instant.now().truncatedTo(ChronoUnit.MICROS), actor, kind, sorted);
  }

  private List<FragmentMetadata> writeRows(
      Map<String, Long> tables, String schemaText, CommitRecord commit, Optional<RecoveryRecord> recovery) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
      Columns columns = Columns.of(root);
      VarCharVector kind = columns.kind();
      VarCharVector key = columns.key();
      BigIntVector version = columns.version();
      VarCharVector text = columns.text();
      root.allocateNew();
      int row = 0;
      for (Map.Entry<String, Long> table : new TreeMap<>(tables).entrySet()) {
        kind.setSafe(row, bytes(TABLE));
        key.setSafe(row, bytes(table.getKey()));
        version.setSafe(row, table.getValue());
        row++;
      }
      kind.setSafe(row, bytes(SCHEMA_ROW));
      key.setSafe(row, bytes(SCHEMA_ROW));
      text.setSafe(row, bytes(schemaText));
      row++;
      kind.setSafe(row, bytes(COMMIT_ROW));
      key.setSafe(row, bytes(COMMIT_ROW));
      version.setSafe(row, commit.graphVersion());
      text.setSafe(row, bytes(String.join(",", commit.tables())));
      columns.actor().setSafe(row, bytes(commit.actor()));
      columns.commitKind().setSafe(row, bytes(commit.kind()));
      columns.committedAt().setSafe(row, ChronoUnit.MICROS.between(Instant.EPOCH, commit.committedAt()));
      if (recovery.isPresent()) {
        columns.recoveryOutcome().setSafe(row, bytes(recovery.get().outcome()));
        columns.recoveredActor().setSafe(row, bytes(recovery.get().actor()));
      }
      row++;
      root.setRowCount(row);
      return LanceWrites.writeFragments(allocator, path.toString(), root);
    } catch (RuntimeException e) {
      throw StorageErrors.translate("staging a manifest version", e);
    }
  }

  /** The manifest's columns in a batch, as written and as read (a column absent from old versions is null). */
  private record Columns(
      VarCharVector kind,
      VarCharVector key,
      BigIntVector version,
      VarCharVector text,
      VarCharVector actor,
      VarCharVector commitKind,
      BigIntVector committedAt,
      VarCharVector recoveryOutcome,
      VarCharVector recoveredActor) {
    static Columns of(VectorSchemaRoot root) {
      return new Columns(
          (VarCharVector) root.getVector("kind"),
          (VarCharVector) root.getVector("key"),
          (BigIntVector) root.getVector("version"),
          (VarCharVector) root.getVector("text"),
          (VarCharVector) root.getVector("actor"),
          (VarCharVector) root.getVector("commit_kind"),
          (BigIntVector) root.getVector("committed_at"),
          (VarCharVector) root.getVector("recovery_outcome"),
          (VarCharVector) root.getVector("recovered_actor"));
    }
  }

  private static ManifestState readRows(Dataset dataset) {
    Map<String, Long> tables = new TreeMap<>();
    String schemaText = null;
    CommitRecord commit = null;
    Optional<RecoveryRecord> recovery = Optional.empty();
    try (LanceScanner scanner = dataset.newScan(new ScanOptions.Builder().build());
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        Columns columns = Columns.of(root);
        VarCharVector kind = columns.kind();
        VarCharVector key = columns.key();
        BigIntVector version = columns.version();
        VarCharVector text = columns.text();
        VarCharVector recoveryOutcome = columns.recoveryOutcome(); // null before audits
        for (int i = 0; i < root.getRowCount(); i++) {
          String rowKind = string(kind, i);
          switch (rowKind) {
            case TABLE -> tables.put(string(key, i), version.get(i));
            case SCHEMA_ROW -> schemaText = string(text, i);
            case COMMIT_ROW -> {
              String tableList = string(text, i);
              commit =
                  new CommitRecord(
                      version.get(i),
                      Instant.EPOCH.plus(columns.committedAt().get(i), ChronoUnit.MICROS),
                      string(columns.actor(), i),
                      string(columns.commitKind(), i),
                      tableList.isEmpty() ? List.of() : Arrays.asList(tableList.split(",")));
              if (recoveryOutcome != null && !recoveryOutcome.isNull(i)) {
                recovery =
                    Optional.of(
                        new RecoveryRecord(
                            commit.committedAt(),
                            string(recoveryOutcome, i),
                            string(columns.recoveredActor(), i),
                            commit.tables()));
              }
            }
            default -> throw new GraphException(ErrorCode.INTERNAL, "unknown manifest row kind '" + rowKind + "'");
          }
        }
      }
    } catch (java.io.IOException e) {
      throw StorageErrors.translate("reading the graph manifest", e);
    } catch (Exception e) {
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "reading the graph manifest failed", e);
    }
    if (schemaText == null || commit == null) {
      throw new GraphException(
          ErrorCode.STORAGE_FAILURE, "graph manifest version " + dataset.version() + " is incomplete");
    }
    return new ManifestState(dataset.version(), tables, schemaText, commit, recovery);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(VarCharVector vector, int index) {
    return new String(vector.get(index), StandardCharsets.UTF_8);
  }
}
