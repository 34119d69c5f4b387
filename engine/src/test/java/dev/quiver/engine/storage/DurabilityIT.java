package dev.quiver.engine.storage;

import static dev.quiver.engine.testing.PersonRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.commit.GraphCommitter;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.testing.PersonRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code durability=fsync}: before {@code commit()} returns, every file the commit created or changed (data,
 * deletion, transaction and version files of each table and of the manifest, the recovery record) and every
 * directory that received one has been fsynced; {@code durability=process} fsyncs nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DurabilityIT {
  private static final String PERSON = "node:Person";
  private static final String COMPANY = "node:Company";

  @TempDir Path root;
  private RootAllocator allocator;
  private TableStore tables;
  private ManifestStore manifest;
  private GraphCommitter committer;

  @BeforeEach
  void createGraph() {
    allocator = new RootAllocator();
    tables = new TableStore(root, allocator);
    manifest = new ManifestStore(root, allocator);
    committer = new GraphCommitter(root, tables, manifest);
    PersonRows.createGraph(tables, manifest, PERSON, COMPANY);
  }

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void withFsyncEveryFileOfTheCommitAndItsDirectoryIsSyncedBeforeCommitReturns() throws Exception {
    Map<Path, String> before = listing();
    Set<Path> synced = ConcurrentHashMap.newKeySet();
    try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> record(path, synced))) {
      committer.commit(twoTables(Durability.FSYNC));
    }
    Map<Path, String> after = listing();
    List<Path> written = writtenSince(before, after);
    assertTrue(written.size() >= 6, "the commit wrote files in both tables and the manifest: " + written);
    for (Path file : written) {
      assertTrue(synced.contains(file), "fsynced " + file);
      assertTrue(synced.contains(file.getParent()), "fsynced the directory of " + file);
    }
    assertTrue(
        synced.stream().anyMatch(path -> path.getParent().endsWith("_recovery")), "the recovery record was fsynced");
  }

  @Test
  void anOptimizeWithFsyncSyncsTheIndexFilesItBuilds() throws Exception {
    Path graph = root.resolve("social");
    try (SocialGraph social = SocialGraph.create(graph)) {
      dev.quiver.engine.Session session = social.session();
      session.execute(
          "insert Person { name: \"Ada\", age: 36 }\ninsert Person { name: \"Bob\" }\ninsert Knows { from: \"Ada\", to: \"Bob\" }",
          List.of());
      Map<Path, String> before = listing(graph);
      Set<Path> synced = ConcurrentHashMap.newKeySet();
      try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> { if (path.startsWith(graph.toAbsolutePath().normalize())) { synced.add(path); } })) {
        session.execute("optimize", List.of());
      }
      List<Path> indexFiles = new ArrayList<>();
      for (Path file : writtenSince(before, listing(graph))) {
        if (file.toString().contains("/_indices/")) {
          indexFiles.add(file);
        }
      }
      assertFalse(indexFiles.isEmpty(), "optimize built index segments");
      for (Path file : indexFiles) {
        assertTrue(synced.contains(file), "fsynced " + file);
        assertTrue(synced.contains(file.getParent()), "fsynced the directory of " + file);
      }
    }
  }

  /**
   * A commit that first repairs drift (restores a table whose HEAD a dead writer moved past its pin) syncs
   * the restore's version files too: the named range starts at the pin, not at the repaired base (found in
   * review; the directory search used to catch them by accident).
   */
  @Test
  void aDriftRepairsRestoreIsSyncedWithTheCommit() throws Exception {
    long pin = manifest.read().tables().get(PERSON);
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("orphan", 1))) {
      tables.commitStaged(tables.stageAppend(PERSON, pin, batch), pin); // HEAD = pin + 1, never published
    }
    Map<Path, String> before = listing();
    Set<Path> synced = ConcurrentHashMap.newKeySet();
    try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> record(path, synced))) {
      committer.commit(twoTables(Durability.FSYNC));
    }
    List<Path> written = writtenSince(before, listing());
    long restores = written.stream().filter(path -> path.toString().contains("Person/_versions/") && path.toString().endsWith(".manifest")).count();
    assertEquals(2, restores, "the restore's version and the commit's: " + written);
    for (Path file : written) {
      assertTrue(synced.contains(file), "fsynced " + file);
    }
  }

  /** A plain commit syncs its files by name: a foreign file beside them is not even looked at. */
  @Test
  void aCommitSyncsItsOwnFilesByNameAndNoOthers() throws Exception {
    Path foreign = Files.createDirectories(tables.tablePath(PERSON).resolve("data")).resolve("another-writers-file.lance");
    Files.writeString(foreign, "x");
    // Files named like this commit's transaction files (same read version): found by id, not by listing.
    long pin = manifest.read().tables().get(PERSON);
    Path foreignTransaction =
        Files.createDirectories(tables.tablePath(PERSON).resolve("_transactions")).resolve(pin + "-another-writer.txn");
    Files.writeString(foreignTransaction, "x");
    Path foreignPublish = Files.createDirectories(manifest.path().resolve("_transactions"))
        .resolve(manifest.read().version() + "-another-writer.txn");
    Files.writeString(foreignPublish, "x");
    Set<Path> synced = ConcurrentHashMap.newKeySet();
    try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> record(path, synced))) {
      committer.commit(twoTables(Durability.FSYNC));
    }
    assertFalse(synced.contains(foreign.toAbsolutePath().normalize()), "only the commit's own files are synced");
    assertFalse(synced.contains(foreignTransaction.toAbsolutePath().normalize()), "transaction file named, not listed");
    assertFalse(synced.contains(foreignPublish.toAbsolutePath().normalize()), "the publish's too");
    for (Path dataset : List.of(tables.tablePath(PERSON), manifest.path())) {
      Path normalized = dataset.toAbsolutePath().normalize();
      assertTrue(
          synced.stream().anyMatch(path -> path.getParent().endsWith("_transactions") && path.startsWith(normalized)),
          "the commit's transaction file in " + dataset + " was synced: " + synced);
    }
    assertTrue(
        synced.stream().anyMatch(path -> path.getParent().endsWith("data") && path.startsWith(tables.tablePath(PERSON).toAbsolutePath().normalize())),
        "the commit's data file was synced: " + synced);
  }

  /**
   * Upserts and deletes write deletion files, named from the staged Lance operation: every file the commits
   * wrote is synced, and the foreign files planted beside them are not (nothing fell back to a search).
   */
  @Test
  void upsertsAndDeletesSyncTheirDeletionFilesByName() throws Exception {
    long first = manifest.read().tables().get(PERSON);
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("x", 1, "y", 2, "z", 3))) {
      StagedWrite append = tables.stageAppend(PERSON, first, batch); // one fragment, so the upsert and the
      // delete below leave deletion vectors on it rather than dropping it whole
      committer.commit(new CommitRequest("t", "mutation", Map.of(PERSON, first), -1, List.of(append), null, Durability.PROCESS));
    }
    Path person = tables.tablePath(PERSON);
    List<Path> foreign = new ArrayList<>();
    for (String directory : List.of("data", "_deletions", "_versions", "_transactions")) {
      Path file = Files.createDirectories(person.resolve(directory)).resolve("foreign-" + directory);
      Files.writeString(file, "x");
      foreign.add(file.toAbsolutePath().normalize());
    }
    Map<Path, String> before = listing();
    Set<Path> synced = ConcurrentHashMap.newKeySet();
    try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> record(path, synced))) {
      long pin = manifest.read().tables().get(PERSON);
      try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("x", 2))) {
        StagedWrite upsert = tables.stageUpsert(PERSON, pin, batch);
        committer.commit(new CommitRequest("t", "mutation", Map.of(PERSON, pin), -1, List.of(upsert), null, Durability.FSYNC));
      }
      pin = manifest.read().tables().get(PERSON);
      StagedWrite delete =
          tables.stageDelete(PERSON, pin, Filter.eq("id", "y")).orElseThrow();
      committer.commit(new CommitRequest("t", "mutation", Map.of(PERSON, pin), -1, List.of(delete), null, Durability.FSYNC));
    }
    List<Path> written = writtenSince(before, listing());
    assertTrue(written.stream().anyMatch(path -> path.getParent().endsWith("_deletions")), "deletion files: " + written);
    for (Path file : written) {
      assertTrue(synced.contains(file), "fsynced " + file);
    }
    for (Path file : foreign) {
      assertFalse(synced.contains(file), "no search synced " + file);
    }
  }

  /**
   * An index build writes files Lance does not name up front, so its sync searches the table's directories
   * for recent files — and meets other writers' files, which come and go meanwhile (CI once failed on one that
   * vanished between the listing and its fsync). A file vanishing after the listing must not fail the commit;
   * Lance's temporaries ({@code .tmp…}) are never synced; a finished recent file is (harmlessly).
   */
  @Test
  void aSearchingSyncIgnoresFilesThatVanishAndSkipsTemporaries() throws Exception {
    Path graph = root.resolve("social");
    try (SocialGraph social = SocialGraph.create(graph)) {
      dev.quiver.engine.Session session = social.session();
      session.execute("insert Person { name: \"Ada\", age: 36 }\ninsert Person { name: \"Bob\" }", List.of());
      Path data = graph.resolve("nodes").resolve("Person").resolve("data");
      Path vanishing = data.resolve("vanishing.lance");
      Path temporary = data.resolve(".tmpAbC123");
      Path finished = data.resolve("another-writers-file.lance");
      for (Path file : List.of(vanishing, temporary, finished)) {
        Files.writeString(file, "x");
      }
      Set<Path> synced = ConcurrentHashMap.newKeySet();
      try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> synced.add(path));
          var armed = FailPoints.arm(FailPoint.SYNC_BEFORE_FILE, point -> deleteQuietly(vanishing))) {
        session.execute("optimize", List.of());
      }
      assertFalse(Files.exists(vanishing), "the fail point removed a file mid-sync");
      assertFalse(synced.contains(temporary.toAbsolutePath().normalize()), "a temporary is skipped");
      assertTrue(synced.contains(finished.toAbsolutePath().normalize()), "the search synced recent files");
      try (dev.quiver.engine.QueryResult count =
          (dev.quiver.engine.QueryResult) session.execute("SELECT COUNT(*) FROM Person", List.of())) {
        assertTrue(count.rows().next());
        assertEquals(2L, ((Number) count.rows().row()[0]).longValue(), "the rows survived the optimize");
      }
    }
  }

  /** A {@code social.pg} graph and one {@code durability=fsync} session on it. */
  private record SocialGraph(dev.quiver.engine.GraphStore store, dev.quiver.engine.Session session) implements AutoCloseable {
    static SocialGraph create(Path graph) {
      dev.quiver.engine.GraphStore store = dev.quiver.engine.testing.TestGraphs.withSchema("social.pg").create(graph);
      return new SocialGraph(store, store.openSession(new dev.quiver.engine.SessionOptions("t", Durability.FSYNC, false)));
    }

    @Override
    public void close() {
      session.close();
      store.close();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void withProcessDurabilityNothingIsSynced() throws Exception {
    Set<Path> synced = ConcurrentHashMap.newKeySet();
    try (AutoCloseable listening = AtomicFiles.listenToFsyncs(path -> record(path, synced))) {
      committer.commit(twoTables(Durability.PROCESS));
    }
    assertEquals(Set.of(), synced);
    assertFalse(Files.list(root.resolve("_recovery")).findAny().isPresent(), "the record was removed");
  }

  private void record(Path path, Set<Path> synced) {
    if (path.startsWith(root.toAbsolutePath().normalize())) {
      synced.add(path);
    }
  }

  private CommitRequest twoTables(Durability durability) {
    ManifestState base = manifest.read();
    List<StagedWrite> writes = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (String table : List.of(PERSON, COMPANY)) {
      long pin = base.tables().get(table);
      try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("x", 1))) {
        writes.add(tables.stageAppend(table, pin, batch));
      }
      expected.put(table, pin);
    }
    return new CommitRequest("t", "mutation", expected, -1, writes, null, durability);
  }

  /** The files of {@code after} that are new or changed since {@code before} (the commit lock aside). */
  private static List<Path> writtenSince(Map<Path, String> before, Map<Path, String> after) {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<Path, String> file : after.entrySet()) {
      if (!file.getValue().equals(before.get(file.getKey())) && !file.getKey().endsWith("_quiver.lock")) {
        written.add(file.getKey());
      }
    }
    return written;
  }

  /** Every regular file under the graph with its size and modification time. */
  private Map<Path, String> listing() throws IOException {
    return listing(root);
  }

  private static Map<Path, String> listing(Path directory) throws IOException {
    Map<Path, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory.toAbsolutePath().normalize())) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(path)) {
          out.put(path, Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
        }
      }
    }
    return out;
  }
}
