package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.CatalogBuilder;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.GraphCommitter;
import dev.quiver.engine.maintenance.IndexPlan;
import dev.quiver.engine.maintenance.Maintenance;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.StoredIndex;
import dev.quiver.engine.storage.TableStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * An open graph. All connections to one location share one store handle (opened once, reference-counted),
 * so reconnecting is cheap. Thread-safe.
 */
public final class GraphStore implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GraphStore.class.getName());
  private static final Map<StoreKey, GraphStore> OPEN = new ConcurrentHashMap<>();

  private record StoreKey(Path root, boolean readOnly) {}

  private final StoreKey key;
  private final Path root;
  private final boolean readOnly;
  private final BufferAllocator allocator;
  private final TableStore tables;
  private final ManifestStore manifest;
  private final GraphCommitter committer;
  private final dev.quiver.engine.view.RowCache rowCache = dev.quiver.engine.view.RowCache.configured();
  private final dev.quiver.engine.view.AdjacencyCache adjacencyCache = dev.quiver.engine.view.AdjacencyCache.configured();
  private final dev.quiver.engine.view.ColumnCache columnCache = dev.quiver.engine.view.ColumnCache.configured();
  private final InsertGroups insertGroups = new InsertGroups(this);
  private volatile boolean groupCommit = !"false".equalsIgnoreCase(System.getProperty(InsertGroups.PROPERTY));
  private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();
  /** What each graph version recorded (its commit and recovery outcome); immutable, so cached once read. */
  private record History(CommitRecord commit, Optional<RecoveryRecord> recovery) {}

  private final ConcurrentSkipListMap<Long, History> history = new ConcurrentSkipListMap<>();
  private volatile Snapshot latest;
  private volatile int autoOptimizeFragments = Integer.getInteger("quiver.autoOptimize.fragments", 64);
  private volatile boolean backgroundCompaction =
      !"false".equalsIgnoreCase(System.getProperty("quiver.autoOptimize.background"));
  private final Object compactionLock = new Object();
  private Thread compactor; // guarded by compactionLock: the latest background compaction
  private Cancellation compactorToken; // guarded by compactionLock: stops it at its next cancellation point
  private boolean closing; // guarded by compactionLock: no new background compaction once the store closes
  private final java.util.concurrent.atomic.AtomicLong commitsSinceFragmentCheck =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile dev.quiver.engine.sql.SqlEngine sql;
  private int references; // guarded by OPEN's per-key compute

  private GraphStore(StoreKey key) {
    this.key = key;
    this.root = key.root();
    this.readOnly = key.readOnly();
    this.allocator = new RootAllocator();
    this.tables = new TableStore(root, allocator);
    this.manifest = new ManifestStore(root, allocator);
    this.committer = new GraphCommitter(root, tables, manifest);
  }

  /**
   * Opens (or creates, with {@link OpenOptions#create()}) the graph at a location.
   *
   * @throws GraphException {@link ErrorCode#GRAPH_NOT_FOUND} when no graph exists and create is false
   */
  public static GraphStore open(OpenOptions options) {
    requireNonNull(options, "options is null");
    StoreKey key = new StoreKey(resolveLocation(options.location()), options.readOnly());
    GraphStore[] opened = new GraphStore[1];
    OPEN.compute(
        key,
        (k, existing) -> {
          GraphStore store = existing;
          if (store == null) {
            store = new GraphStore(k);
            try {
              store.initialize(options);
            } catch (RuntimeException e) {
              store.closeAllocator(e);
              throw e;
            }
          }
          store.references++;
          opened[0] = store;
          return store;
        });
    return opened[0];
  }

  private static Path resolveLocation(String location) {
    if (location.isBlank()) {
      throw new GraphException(ErrorCode.GRAPH_OPEN_FAILED, "the graph location is empty");
    }
    int colon = location.indexOf(':');
    if (colon > 1) {
      String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
      if (scheme.equals("file")) {
        return Paths.get(URI.create(location)).toAbsolutePath().normalize();
      }
      throw new GraphException(
          ErrorCode.GRAPH_OPEN_FAILED,
          "location scheme '" + scheme + "' is not supported yet; use a directory path or a file: URI");
    }
    return Paths.get(location).toAbsolutePath().normalize();
  }

  private void initialize(OpenOptions options) {
    if (!manifest.exists()) {
      if (!options.create()) {
        throw new GraphException(
            ErrorCode.GRAPH_NOT_FOUND,
            "no graph exists at '" + root + "'; connect with create=true to create an empty graph there");
      }
      if (readOnly) {
        throw new GraphException(
            ErrorCode.GRAPH_OPEN_FAILED, "cannot create a graph at '" + root + "' on a read-only connection");
      }
      create(options.schemaText() == null ? "" : options.schemaText(), options.actor());
    }
    if (!readOnly) {
      // Invariants 3 and 9: finish or undo interrupted commits, drop temporaries. A read-only open writes
      // nothing (not even the gate's lock file) and reads the last published version.
      committer.recoverOnOpen();
    }
    refresh();
  }

  private void create(String schemaText, String actor) {
    Catalog catalog = parse(schemaText);
    try {
      Files.createDirectories(root);
    } catch (java.io.IOException e) {
      throw new GraphException(ErrorCode.GRAPH_OPEN_FAILED, "cannot create directory '" + root + "': " + e, e);
    }
    committer
        .gate()
        .hold(
            () -> {
              if (manifest.exists()) {
                return null; // another process created it while we waited
              }
              Map<String, Long> pins = new LinkedHashMap<>();
              for (TableType type : catalog.tables()) {
                StagedWrite create = tables.stageCreate(type.tableKey(), type.arrowSchema());
                if (tables.exists(type.tableKey())) {
                  throw new GraphException(
                      ErrorCode.GRAPH_OPEN_FAILED,
                      "cannot create a graph at '" + root + "': table directory " + tables.tablePath(type.tableKey())
                          + " already exists without a graph manifest");
                }
                pins.put(type.tableKey(), tables.commitStaged(create, 0));
              }
              manifest.create(pins, schemaText, actor, "schema");
              return null;
            });
  }

  Catalog parse(String schemaText) {
    return catalogs.computeIfAbsent(schemaText, CatalogBuilder::build);
  }

  /** Reads the latest manifest if it moved, and returns the latest published snapshot. */
  Snapshot refresh() {
    Snapshot cached = latest;
    long version = manifest.latestVersion();
    if (cached != null && cached.graphVersion() == version) {
      return cached;
    }
    ManifestState state = manifest.read();
    return remember(state);
  }

  /** Internal: records a state this process just published as the latest snapshot (engine packages only). */
  public Snapshot remember(ManifestState state) {
    Snapshot snapshot = new Snapshot(state.version(), parse(state.schemaText()), state.tables());
    history.putIfAbsent(state.version(), new History(state.commit(), state.recovery()));
    synchronized (this) {
      if (latest == null || latest.graphVersion() < snapshot.graphVersion()) {
        latest = snapshot;
      }
    }
    return snapshot;
  }

  public String location() {
    return root.toString();
  }

  public Path root() {
    return root;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** The latest published graph version. */
  public Snapshot snapshot() {
    return refresh();
  }

  /** The catalog of the latest published graph version. */
  public Catalog catalog() {
    return snapshot().catalog();
  }

  /** Every retained graph commit, oldest first. */
  public List<CommitRecord> commits() {
    List<CommitRecord> out = new ArrayList<>();
    for (History version : history()) {
      out.add(version.commit());
    }
    return out;
  }

  /**
   * Every retained recovery of an interrupted commit, oldest first ({@code QUIVER.recoveries}). Each is read
   * from the manifest version its recovery published, so it is exactly as durable as that publish.
   */
  public List<RecoveryRecord> recoveries() {
    List<RecoveryRecord> out = new ArrayList<>();
    for (History version : history()) {
      version.recovery().ifPresent(out::add);
    }
    return out;
  }

  /** The history of every retained graph version up to the latest, oldest first; each read once per store. */
  private List<History> history() {
    long latestVersion = snapshot().graphVersion();
    List<History> out = new ArrayList<>();
    for (long version = 1; version <= latestVersion; version++) {
      History recorded = history.get(version);
      if (recorded == null) {
        ManifestState state;
        try {
          state = manifest.read(version);
        } catch (GraphException e) {
          continue; // removed by cleanup
        }
        recorded = new History(state.commit(), state.recovery());
        history.putIfAbsent(version, recorded);
      }
      out.add(recorded);
    }
    return out;
  }

  /** Rows of a table at a snapshot. */
  public long rowCount(Snapshot snapshot, String tableKey) {
    return tables.countRows(tableKey, snapshot.tableVersion(tableKey), null);
  }

  /**
   * The indexes of every table at a snapshot, tables in catalog order. Built by {@link #optimize}; a table
   * with rows appended since its last optimize still has its indexes, which then cover only older rows.
   */
  public List<IndexInfo> indexes(Snapshot snapshot) {
    List<IndexInfo> out = new ArrayList<>();
    for (TableType type : snapshot.catalog().tables()) {
      String tableKey = type.tableKey();
      for (StoredIndex index : tables.indexes(tableKey, snapshot.tableVersion(tableKey))) {
        boolean unique = index.columns().size() == 1 && IndexPlan.unique(type, index.columns().get(0));
        out.add(
            new IndexInfo(tableKey, index.name(), index.columns(), index.type().toUpperCase(Locale.ROOT), unique));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Sets the fragment count above which a table is compacted automatically after a commit (0 turns automatic
   * compaction off). The default comes from the system property {@code quiver.autoOptimize.fragments} (64).
   */
  public void autoOptimizeFragments(int fragments) {
    this.autoOptimizeFragments = Math.max(0, fragments);
  }

  /**
   * Called after a commit this process published: every few commits, checks whether a table has more
   * fragments than the threshold and if so compacts its small fragments ({@link
   * Maintenance#compactSmallFragments}, actor {@code quiver:auto-optimize}). Many small commits otherwise pile
   * up fragments and every scan slows with their number. By default the check and the compaction run on a
   * background thread (one at a time), so the commit that triggered them returns at once; the compaction
   * stages outside the commit gate and, when appends landed meanwhile, is moved onto them at commit instead
   * of failing. Never fails the caller: a lost race, a pending recovery or a failure just skips it.
   */
  void compactIfFragmented(Durability durability) {
    int threshold = autoOptimizeFragments;
    if (threshold <= 0 || readOnly) {
      return;
    }
    long interval = Math.max(1, threshold / 4);
    if (commitsSinceFragmentCheck.incrementAndGet() % interval != 0) {
      return;
    }
    if (!backgroundCompaction) {
      compactNow(threshold, durability);
      return;
    }
    synchronized (compactionLock) {
      if (closing || (compactor != null && compactor.isAlive())) {
        return; // one at a time; the next check after it finishes looks again
      }
      Cancellation token = new Cancellation();
      compactorToken = token;
      compactor =
          new Thread(
              () -> {
                try (Cancellation.Scope scope = token.enter()) {
                  compactNow(threshold, durability);
                }
              },
              "quiver-auto-compact");
      compactor.setDaemon(true);
      compactor.start();
    }
  }

  private void compactNow(int threshold, Durability durability) {
    boolean interrupted = Thread.interrupted();
    try {
      Snapshot latest = snapshot();
      for (Map.Entry<String, Long> table : latest.tableVersions().entrySet()) {
        if (tables.fragmentCount(table.getKey(), table.getValue()) > threshold) {
          checkWritable();
          Maintenance.compactSmallFragments(this, AUTO_OPTIMIZER, durability);
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "automatic compaction skipped: " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs automatic compaction on the committing thread ({@code false}) or in the background ({@code true}, the
   * default; {@code -Dquiver.autoOptimize.background=false} for every store).
   */
  public void backgroundCompaction(boolean on) {
    backgroundCompaction = on;
  }

  /** Waits until a background compaction that is running has finished (tests; close). */
  public void awaitMaintenance() {
    Thread running;
    synchronized (compactionLock) {
      running = compactor;
    }
    if (running == null) {
      return;
    }
    boolean interrupted = false;
    while (running.isAlive()) {
      try {
        running.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The actor of automatic compactions. */
  public static final String AUTO_OPTIMIZER = "quiver:auto-optimize";

  /**
   * {@code optimize}: compacts small fragments of every table, builds missing or partial indexes, and
   * publishes the changed tables as one graph commit of kind {@code optimize}. The count is the number of
   * tables whose version moved (0: nothing to do, nothing published).
   *
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} while a recovery record is pending
   */
  public UpdateResult optimize(String actor, Durability durability) {
    checkWritable();
    Maintenance.Outcome outcome = Maintenance.optimize(this, actor, durability);
    return new UpdateResult(List.of(outcome.count()), 0, 0, outcome.graphVersion());
  }

  /**
   * {@code cleanup keep <n>}: removes old versions and orphaned files, keeping every table version the latest
   * {@code keep} graph versions pin, and prunes older graph versions (and so their rows of {@code
   * QUIVER.commits} and {@code QUIVER.recoveries}). The count is the number of files removed; the graph version
   * is unchanged.
   *
   * @throws GraphException {@link ErrorCode#RECOVERY_REQUIRED} while a recovery record is pending
   */
  public UpdateResult cleanup(long keep) {
    checkWritable();
    Maintenance.Outcome outcome = Maintenance.cleanup(this, keep);
    long firstKept = outcome.graphVersion() - keep + 1; // QUIVER.commits and .recoveries shrink with the manifest
    history.headMap(firstKept).clear();
    return new UpdateResult(List.of(outcome.count()), 0, 0, outcome.graphVersion());
  }

  private void checkWritable() {
    if (readOnly) {
      throw new GraphException(ErrorCode.READ_ONLY, "the graph is open read-only");
    }
  }

  public Session openSession(SessionOptions options) {
    requireNonNull(options, "options is null");
    return new Session(this, options);
  }

  /** Internal: the SQL engine shared by every session of this graph (plans are cached per catalog). */
  public dev.quiver.engine.sql.SqlEngine sql() {
    dev.quiver.engine.sql.SqlEngine engine = sql;
    if (engine == null) {
      synchronized (this) {
        if (sql == null) {
          sql = new dev.quiver.engine.sql.SqlEngine();
        }
        engine = sql;
      }
    }
    return engine;
  }


  /** Internal: the version-pinned point-lookup cache shared by every connection (engine packages only). */
  /** Group commit of auto-committed insert-only texts. */
  InsertGroups insertGroups() {
    return insertGroups;
  }

  /** Whether auto-committed insert-only texts are group-committed ({@link InsertGroups}). */
  boolean groupCommit() {
    return groupCommit;
  }

  /** Turns group commit on or off for this handle (tests; {@code -Dquiver.groupCommit=false} for all). */
  void groupCommit(boolean on) {
    groupCommit = on;
  }

  /** The version-pinned adjacency lists of edge tables, shared by every connection (traversals). */
  public dev.quiver.engine.view.AdjacencyCache adjacencyCache() {
    return adjacencyCache;
  }

  /** The columns held in memory for filtered scans, shared by every view of this store (docs/caches.md). */
  public dev.quiver.engine.view.ColumnCache columnCache() {
    return columnCache;
  }

  public dev.quiver.engine.view.RowCache rowCache() {
    return rowCache;
  }

  /** Internal: the storage layer of this graph (engine packages only). */
  public TableStore tableStore() {
    return tables;
  }

  /** Internal: the commit protocol of this graph (engine packages only). */
  public GraphCommitter committer() {
    return committer;
  }

  /** Internal: the manifest of this graph (engine packages only). */
  public ManifestStore manifest() {
    return manifest;
  }

  /** Releases this reference; the last one closes the store and its allocator. */
  @Override
  public void close() {
    boolean[] last = new boolean[1];
    OPEN.computeIfPresent(
        key,
        (k, store) -> {
          if (store != this) {
            return store;
          }
          store.references--;
          if (store.references > 0) {
            return store;
          }
          last[0] = true;
          // A background compaction still uses the store: it finishes before the handle goes (and before
          // another open of this graph can begin).
          synchronized (store.compactionLock) {
            store.closing = true;
            if (store.compactorToken != null) {
              store.compactorToken.cancel(); // it stops at its next cancellation point, before its commit at the latest
            }
          }
          store.awaitMaintenance();
          return null;
        });
    if (last[0]) {
      closeAllocator(null);
    }
  }

  private void closeAllocator(RuntimeException into) {
    try {
      allocator.close();
    } catch (RuntimeException leak) {
      if (into != null) {
        into.addSuppressed(leak);
      } else if (Boolean.getBoolean("quiver.test.leakCheck")) {
        throw leak;
      } else {
        LOG.log(Level.WARNING, "Arrow memory was still allocated when graph " + root + " closed", leak);
      }
    }
  }
}
