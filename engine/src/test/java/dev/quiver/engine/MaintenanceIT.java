package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.storage.ScanCost;
import dev.quiver.engine.storage.SearchHits;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.testing.GraphRows;
import dev.quiver.engine.testing.TestGraphs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code optimize}, {@code cleanup} and indexes on real Lance tables (decision 0003): compaction keeps every
 * row and is published in one graph commit, indexes are built and used, maintenance refuses while a recovery
 * is pending, a crashed optimize is finished or undone on reopen, and cleanup keeps what readers of the last
 * n graph versions need while reclaiming orphans.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MaintenanceIT {
  private static final String PERSON = "node:Person";
  private static final String COMPANY = "node:Company";

  @TempDir Path directory;
  private GraphStore store;
  private Session session;
  private Set<Path> nativeLibrariesBefore;

  @BeforeEach
  void createGraph() throws IOException {
    store = TestGraphs.withSchema("social.pg").create(directory);
    session = store.openSession(new SessionOptions("test", Durability.PROCESS, false));
    nativeLibrariesBefore = nativeLibraries();
  }

  @AfterEach
  void close() throws IOException {
    session.close();
    store.close();
    for (Path library : nativeLibraries()) { // a halted child leaves its extracted native library
      if (!nativeLibrariesBefore.contains(library)) {
        Files.deleteIfExists(library);
      }
    }
  }

  // ---- optimize and indexes ---------------------------------------------------------------------------

  @Test
  void optimizeAfterAThousandSmallCommitsMergesFragmentsAndKeepsEveryRow() {
    int commits = 1000;
    for (int i = 0; i < commits; i++) { // one single-row graph commit each (the fixture path: ~3× faster)
      new GraphRows().add(PERSON, "p" + i, "p" + i, i % 50).commit(store);
    }
    session.execute("delete Person where age = 49", List.of()); // deletions to materialize
    Snapshot before = store.snapshot();
    int fragmentsBefore = store.tableStore().fragmentCount(PERSON, before.tableVersion(PERSON));
    assertTrue(fragmentsBefore >= commits - 20, "one fragment per commit: " + fragmentsBefore);
    List<String> rowsBefore = contents(before, PERSON);
    assertEquals(commits - 20, rowsBefore.size());
    ScanCost lookupBefore = cost(before, new Filter.Compare("id", Filter.Op.EQ, "p421"));
    assertEquals(0, lookupBefore.indicesLoaded(), "no index before optimize");

    UpdateResult optimized = (UpdateResult) session.execute("optimize", List.of());

    assertEquals(List.of(1L), optimized.counts(), "only Person had anything to do (the other tables are empty)");
    Snapshot after = store.snapshot();
    assertEquals(before.graphVersion() + 1, after.graphVersion(), "one graph commit");
    CommitRecord commit = store.commits().get(store.commits().size() - 1);
    assertEquals("optimize", commit.kind());
    assertEquals(List.of(PERSON), commit.tables());
    assertEquals(1, store.tableStore().fragmentCount(PERSON, after.tableVersion(PERSON)));
    assertEquals(rowsBefore, contents(after, PERSON), "identical content");
    for (Filter filter :
        List.<Filter>of(
            new Filter.Compare("age", Filter.Op.EQ, 7),
            new Filter.Compare("name", Filter.Op.GT, "p9"),
            new Filter.Compare("id", Filter.Op.EQ, "p421"))) {
      assertEquals(
          store.tableStore().countRows(PERSON, before.tableVersion(PERSON), filter),
          store.tableStore().countRows(PERSON, after.tableVersion(PERSON), filter),
          filter.toString());
    }
    assertEquals(0, store.tableStore().countRows(PERSON, after.tableVersion(PERSON), new Filter.Compare("age", Filter.Op.EQ, 49)));

    List<IndexInfo> indexes = store.indexes(after);
    assertTrue(indexes.contains(new IndexInfo(PERSON, "id_idx", List.of("id"), "BTREE", true)), indexes.toString());
    assertTrue(indexes.contains(new IndexInfo(PERSON, "name_idx", List.of("name"), "BTREE", true)), indexes.toString());
    ScanCost lookupAfter = cost(after, new Filter.Compare("id", Filter.Op.EQ, "p421"));
    assertEquals(1, lookupAfter.rows());
    assertTrue(lookupAfter.indicesLoaded() >= 1, "the lookup used the index: " + lookupAfter);
    assertTrue(lookupAfter.bytesRead() < lookupBefore.bytesRead(), lookupBefore + " vs " + lookupAfter);

    UpdateResult again = (UpdateResult) session.execute("optimize", List.of());
    assertEquals(List.of(0L), again.counts());
    assertEquals(after.graphVersion(), store.snapshot().graphVersion(), "nothing to do publishes nothing");

    // Writes and queries keep working on the optimized table.
    session.execute("update Person set { age: 99 } where name = \"p421\"", List.of());
    assertEquals(1, store.tableStore().countRows(PERSON, store.snapshot().tableVersion(PERSON), new Filter.Compare("age", Filter.Op.EQ, 99)));
  }

  @Test
  void optimizeExtendsIndexesOverFragmentsAppendedSinceTheLastOne() {
    appendPeople(0, 1); // one fragment per table: nothing to compact, but the indexes are missing
    assertEquals(List.of(2L), ((UpdateResult) session.execute("optimize", List.of())).counts());
    Snapshot indexed = store.snapshot();
    assertEquals(1, store.tableStore().fragmentCount(PERSON, indexed.tableVersion(PERSON)));
    assertEquals(4, store.indexes(indexed).size(), store.indexes(indexed).toString());

    new GraphRows().add(COMPANY, "c1", "c1").commit(store); // a second, unindexed Company fragment
    session.execute("optimize", List.of());
    Snapshot extended = store.snapshot();
    // Lance's planner does not merge an indexed fragment with an unindexed one: the index is extended instead.
    assertEquals(2, store.tableStore().fragmentCount(COMPANY, extended.tableVersion(COMPANY)));
    ScanCost lookup =
        store.tableStore().scanCost(COMPANY, extended.tableVersion(COMPANY), new Filter.Compare("id", Filter.Op.EQ, "c1"));
    assertEquals(1, lookup.rows());
    assertTrue(lookup.indicesLoaded() >= 1, lookup.toString());
    assertEquals(indexed.tableVersion(PERSON), extended.tableVersion(PERSON), "an up-to-date table is not touched");
    List<IndexInfo> indexes = store.indexes(extended);
    assertTrue(indexes.contains(new IndexInfo(COMPANY, "name_idx", List.of("name"), "BTREE", true)), indexes.toString());
    assertEquals(4, indexes.size(), "rebuilt, not duplicated: " + indexes);
  }

  /**
   * A String and a Vector(8) declared {@code @index} get an INVERTED and an IVF_FLAT index: built by optimize
   * (the vector one only once the column has enough vectors to train on), used by full-text and kNN reads,
   * which return the same rows as a brute-force computation before and after a second optimize over more rows
   * (that one compacts the appended fragments and rebuilds every index). A table without such properties
   * keeps its BTREEs only.
   */
  @Test
  void fullTextAndVectorIndexesAreBuiltByOptimizeAndAnswerSearches() {
    String schema =
        "node Doc { title: String @key  body: String? @index  embedding: Vector(8)? @index }\n"
            + "node Tag { name: String @key }\n";
    try (GraphStore docs =
        GraphStore.open(OpenOptions.at(directory.resolve("docs").toString()).withCreate(true).withSchema(schema))) {
      TableStore tables = docs.tableStore();
      java.util.Random random = new java.util.Random(7);
      Map<String, float[]> vectors = new java.util.HashMap<>();
      Map<String, String> bodies = new java.util.HashMap<>();
      addDocs(docs, 0, 200, random, vectors, bodies); // below the 256 vectors an IVF index needs
      new GraphRows().add("node:Tag", "t0", "t0").commit(docs);
      float[] query = randomVector(random);

      Snapshot small = optimize(docs);
      List<IndexInfo> smallIndexes = docs.indexes(small);
      assertTrue(smallIndexes.contains(new IndexInfo(DOC, "body_fts", List.of("body"), "INVERTED", false)), smallIndexes.toString());
      assertTrue(smallIndexes.contains(new IndexInfo(DOC, "body_idx", List.of("body"), "BTREE", false)), smallIndexes.toString());
      assertFalse(smallIndexes.stream().anyMatch(index -> index.name().equals("embedding_ivf")), smallIndexes.toString());
      assertEquals(
          List.of(new IndexInfo("node:Tag", "id_idx", List.of("id"), "BTREE", true), new IndexInfo("node:Tag", "name_idx", List.of("name"), "BTREE", true)),
          smallIndexes.stream().filter(index -> index.tableKey().equals("node:Tag")).toList());
      SearchHits needles = tables.search(DOC, small.tableVersion(DOC), "body", "NEEDLE", 10_000);
      assertEquals(matching(bodies, "needle"), new TreeSet<>(needles.ids()), "case-folded whole-word match");
      assertTrue(needles.cost().indicesLoaded() >= 1, needles.toString());
      SearchHits flat = tables.nearest(DOC, small.tableVersion(DOC), "embedding", query, 10);
      assertEquals(bruteForce(vectors, query, 10), flat.ids(), "flat kNN");
      assertEquals(0, flat.cost().indicesLoaded(), "no vector index yet: " + flat);

      for (int batch = 0; batch < 4; batch++) { // four small fragments that optimize compacts
        addDocs(docs, 200 + batch * 2200, 2200, random, vectors, bodies);
      }
      Snapshot grown = docs.snapshot();
      SearchHits textBefore = tables.search(DOC, grown.tableVersion(DOC), "body", "needle", 10_000);
      SearchHits nearBefore = tables.nearest(DOC, grown.tableVersion(DOC), "embedding", query, 10);
      assertEquals(matching(bodies, "needle"), new TreeSet<>(textBefore.ids()), "unindexed fragments are searched too");
      assertEquals(bruteForce(vectors, query, 10), nearBefore.ids());

      Snapshot indexed = optimize(docs);
      assertTrue(
          tables.fragmentCount(DOC, indexed.tableVersion(DOC)) < tables.fragmentCount(DOC, grown.tableVersion(DOC)),
          "the appended fragments were compacted");
      List<IndexInfo> indexes = docs.indexes(indexed);
      assertTrue(indexes.contains(new IndexInfo(DOC, "embedding_ivf", List.of("embedding"), "IVF_FLAT", false)), indexes.toString());
      assertTrue(indexes.contains(new IndexInfo(DOC, "body_fts", List.of("body"), "INVERTED", false)), indexes.toString());
      assertEquals(5, indexes.stream().filter(index -> index.tableKey().equals(DOC)).count(), "rebuilt, not duplicated: " + indexes);
      SearchHits textAfter = tables.search(DOC, indexed.tableVersion(DOC), "body", "needle", 10_000);
      SearchHits nearAfter = tables.nearest(DOC, indexed.tableVersion(DOC), "embedding", query, 10);
      assertEquals(new TreeSet<>(textBefore.ids()), new TreeSet<>(textAfter.ids()));
      assertTrue(textAfter.cost().indicesLoaded() >= 1, textAfter.toString());
      assertEquals(nearBefore.ids(), nearAfter.ids());
      assertTrue(nearAfter.cost().indicesLoaded() >= 1, "the kNN read used the IVF index: " + nearAfter);
      for (int q = 0; q < 5; q++) { // 2 IVF partitions (8 800 vectors), all probed: exact
        float[] other = randomVector(random);
        assertEquals(bruteForce(vectors, other, 5), tables.nearest(DOC, indexed.tableVersion(DOC), "embedding", other, 5).ids());
      }
      // Now both fragments are indexed, so the next optimize merges them (decision 0003) and rebuilds again.
      Snapshot merged = optimize(docs);
      assertEquals(1, tables.fragmentCount(DOC, merged.tableVersion(DOC)));
      assertEquals(new TreeSet<>(textBefore.ids()), new TreeSet<>(tables.search(DOC, merged.tableVersion(DOC), "body", "needle", 10_000).ids()));
      SearchHits nearMerged = tables.nearest(DOC, merged.tableVersion(DOC), "embedding", query, 10);
      assertEquals(nearBefore.ids(), nearMerged.ids());
      assertTrue(nearMerged.cost().indicesLoaded() >= 1, nearMerged.toString());
      assertEquals(0L, docs.optimize("test", Durability.PROCESS).counts().get(0), "up to date: nothing to do");
    }
  }

  @Test
  void aFaultBeforeTheOptimizePublishLeavesReadersOnTheOldVersionAndTheTablesRestored() {
    appendPeople(0, 10);
    Snapshot before = store.snapshot();
    List<String> people = contents(before, PERSON);
    try (var armed = FailPoints.arm(FailPoint.PUBLISH_BEFORE, FailPoints.throwing())) {
      assertThrows(FailPoints.InjectedFault.class, () -> session.execute("optimize", List.of()));
    }
    Snapshot now = store.snapshot();
    assertEquals(people, contents(now, PERSON));
    assertEquals(10, store.tableStore().fragmentCount(PERSON, now.tableVersion(PERSON)));
    assertEquals(List.of(2L), ((UpdateResult) session.execute("optimize", List.of())).counts());
    assertEquals(people, contents(store.snapshot(), PERSON));
  }

  /**
   * A child JVM dies inside the optimize commit (two tables, so a recovery record is written). While the record
   * is pending, optimize and cleanup refuse; the next read-write open finishes or undoes it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"publish.before=halt, 1, rolled_forward", "table.after_commit=halt, 10, rolled_back"})
  void anOptimizeKilledMidCommitBlocksMaintenanceUntilReopenedThenIsRecovered(
      String failpoints, int fragmentsAfter, String outcome) throws Exception {
    appendPeople(0, 10);
    Snapshot before = store.snapshot();
    List<String> people = contents(before, PERSON);
    List<String> companies = contents(before, COMPANY);

    Process child = child(failpoints);
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child finished");
    assertEquals(137, child.exitValue(), "the child died at " + failpoints);
    assertEquals(1, files(directory.resolve("_recovery")).size(), "a recovery record is pending");

    Map<String, Long> filesBefore = filesWithSizes();
    GraphException optimize = assertThrows(GraphException.class, () -> session.execute("optimize", List.of()));
    assertEquals(ErrorCode.RECOVERY_REQUIRED, optimize.code());
    GraphException cleanup = assertThrows(GraphException.class, () -> session.execute("cleanup keep 1", List.of()));
    assertEquals(ErrorCode.RECOVERY_REQUIRED, cleanup.code());
    assertEquals(filesBefore, filesWithSizes(), "a refused cleanup removes nothing a recovery needs");
    assertEquals(before.graphVersion(), store.snapshot().graphVersion(), "readers still see the old pins");
    assertEquals(people, contents(store.snapshot(), PERSON));

    session.close();
    store.close();
    store = GraphStore.open(OpenOptions.at(directory.toString()));
    session = store.openSession(new SessionOptions("test", Durability.PROCESS, false));
    Snapshot recovered = store.snapshot();
    assertEquals(outcome, store.recoveries().get(store.recoveries().size() - 1).outcome());
    assertEquals(people, contents(recovered, PERSON));
    assertEquals(companies, contents(recovered, COMPANY));
    assertEquals(fragmentsAfter, store.tableStore().fragmentCount(PERSON, recovered.tableVersion(PERSON)));
    for (String table : List.of(PERSON, COMPANY)) {
      assertEquals(recovered.tableVersion(table), store.tableStore().head(table), "manifest == HEAD for " + table);
    }
    session.execute("optimize", List.of());
    assertEquals(1, store.tableStore().fragmentCount(PERSON, store.snapshot().tableVersion(PERSON)));
    assertTrue(store.indexes(store.snapshot()).size() >= 4);
  }

  @Test
  void maintenanceIsRefusedOnReadOnlyConnectionsAndInsideATransactionWithPendingWrites() {
    try (Session readOnly = store.openSession(new SessionOptions("ro", Durability.PROCESS, true))) {
      assertEquals(ErrorCode.READ_ONLY, assertThrows(GraphException.class, () -> readOnly.execute("optimize", List.of())).code());
      assertEquals(ErrorCode.READ_ONLY, assertThrows(GraphException.class, () -> readOnly.execute("cleanup", List.of())).code());
    }
    session.autoCommit(false);
    session.execute("insert Person { name: \"x\" }", List.of());
    assertEquals(ErrorCode.RULE_VIOLATION, assertThrows(GraphException.class, () -> session.execute("optimize", List.of())).code());
    assertEquals(ErrorCode.INVALID_VALUE, assertThrows(GraphException.class, () -> store.cleanup(0)).code());
    session.rollback();
  }

  // ---- cleanup -------------------------------------------------------------------------------------------

  @Test
  void cleanupKeepsEveryVersionTheLastNGraphVersionsPinAndRemovesOlderOnes() {
    List<Snapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      appendPeople(i, 1);
      snapshots.add(store.snapshot());
    }
    session.execute("optimize", List.of());
    Snapshot latest = store.snapshot();
    Snapshot oldestKept = snapshots.get(snapshots.size() - 2); // keep 3: latest, the last insert, the one before
    List<String> oldestKeptRows = contents(oldestKept, PERSON);

    UpdateResult cleaned = (UpdateResult) session.execute("cleanup keep 3", List.of());

    assertTrue(cleaned.counts().get(0) > 0, "files were removed: " + cleaned);
    assertEquals(latest.graphVersion(), cleaned.graphVersion(), "cleanup publishes nothing");
    assertEquals(oldestKeptRows, contents(oldestKept, PERSON), "a reader of a kept graph version still reads");
    assertEquals(contents(latest, PERSON).size(), 6);
    GraphException gone = assertThrows(GraphException.class, () -> contents(snapshots.get(0), PERSON));
    assertTrue(gone.getMessage().contains("Person"), gone.getMessage());
    assertEquals(3, store.commits().size(), "graph versions beyond the kept ones are pruned");
    assertThrows(GraphException.class, () -> store.manifest().read(1));
    appendPeople(100, 1); // the graph takes writes afterwards
    assertEquals(7, contents(store.snapshot(), PERSON).size());
  }

  @Test
  void cleanupReclaimsFilesOfAbandonedStagingButNotOfAWriterStagingNow() throws IOException {
    appendPeople(0, 1);
    Path data = store.tableStore().tablePath(PERSON).resolve("data");
    Set<Path> committedFiles = files(data);
    stage(store.snapshot().tableVersion(PERSON), "orphan"); // abandoned: never committed
    Set<Path> orphans = new HashSet<>(files(data));
    orphans.removeAll(committedFiles);
    assertEquals(1, orphans.size());
    appendPeople(1, 2);

    StagedWrite live = stage(store.snapshot().tableVersion(PERSON), "live"); // staged, about to commit
    session.execute("cleanup keep 1", List.of());

    for (Path orphan : orphans) {
      assertFalse(Files.exists(orphan), "orphan reclaimed: " + orphan);
    }
    Snapshot base = store.snapshot();
    store
        .committer()
        .commit(new CommitRequest("test", "mutation", Map.of(PERSON, base.tableVersion(PERSON)), -1, List.of(live), null, Durability.PROCESS));
    assertTrue(contents(store.snapshot(), PERSON).stream().anyMatch(row -> row.contains("live")));
    assertEquals(4, contents(store.snapshot(), PERSON).size());
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private static final String DOC = "node:Doc";
  private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "omega", "kappa"};

  /** Commits {@code count} Doc rows: random words (1 in 50 with "Needle"), every 20th body and 30th vector null. */
  private static void addDocs(
      GraphStore docs, int start, int count, java.util.Random random, Map<String, float[]> vectors, Map<String, String> bodies) {
    GraphRows rows = new GraphRows();
    for (int i = start; i < start + count; i++) {
      String id = "d" + i;
      String body = null;
      if (i % 20 != 0) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 4; w++) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        body = text.append(i % 50 == 7 ? "Needle." : "needles").toString();
        bodies.put(id, body);
      }
      float[] vector = i % 30 == 0 ? null : randomVector(random);
      if (vector != null) {
        vectors.put(id, vector);
      }
      rows.add(DOC, id, "title " + i, body, vector);
    }
    rows.commit(docs);
  }

  private static float[] randomVector(java.util.Random random) {
    float[] vector = new float[8];
    for (int d = 0; d < vector.length; d++) {
      vector[d] = random.nextFloat();
    }
    return vector;
  }

  private static Snapshot optimize(GraphStore docs) {
    docs.optimize("test", Durability.PROCESS);
    return docs.snapshot();
  }

  private static TreeSet<String> matching(Map<String, String> bodies, String word) {
    TreeSet<String> out = new TreeSet<>();
    bodies.forEach(
        (id, body) -> {
          for (String token : body.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
            if (token.equals(word)) {
              out.add(id);
            }
          }
        });
    return out;
  }

  /** The k ids nearest {@code query} by L2 distance, computed over every vector. */
  private static List<String> bruteForce(Map<String, float[]> vectors, float[] query, int k) {
    return vectors.entrySet().stream()
        .sorted(java.util.Comparator.comparingDouble(entry -> squaredDistance(entry.getValue(), query)))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      sum += diff * diff;
    }
    return sum;
  }

  /** Commits {@code count} graph commits, each one Person and one Company row. */
  private void appendPeople(int start, int count) {
    for (int i = start; i < start + count; i++) {
      new GraphRows().add(PERSON, "p" + i, "p" + i, i).add(COMPANY, "c" + i, "c" + i).commit(store);
    }
  }

  private StagedWrite stage(long readVersion, String name) {
    TableStore tables = store.tableStore();
    try (BufferAllocator allocator = tables.allocator().newChildAllocator("stage", 0, Long.MAX_VALUE);
        VectorSchemaRoot rows =
            VectorSchemaRoot.create(store.catalog().table(PERSON).orElseThrow().arrowSchema(), allocator)) {
      rows.allocateNew();
      ((VarCharVector) rows.getVector("id")).setSafe(0, name.getBytes(StandardCharsets.UTF_8));
      ((VarCharVector) rows.getVector("name")).setSafe(0, name.getBytes(StandardCharsets.UTF_8));
      ((IntVector) rows.getVector("age")).setSafe(0, 1);
      rows.setRowCount(1);
      return tables.stageAppend(PERSON, readVersion, rows);
    }
  }

  /** Every row of a table at a snapshot, rendered and sorted. */
  private List<String> contents(Snapshot snapshot, String tableKey) {
    TreeSet<String> rows = new TreeSet<>();
    try (TableScan scan = store.tableStore().openScan(tableKey, snapshot.tableVersion(tableKey), null, null)) {
      while (scan.next()) {
        VectorSchemaRoot batch = scan.batch();
        for (int row = 0; row < batch.getRowCount(); row++) {
          List<String> values = new ArrayList<>();
          for (var vector : batch.getFieldVectors()) {
            values.add(vector.getName() + "=" + vector.getObject(row));
          }
          rows.add(String.join(",", values));
        }
      }
    }
    return List.copyOf(rows);
  }

  private ScanCost cost(Snapshot snapshot, Filter filter) {
    return store.tableStore().scanCost(PERSON, snapshot.tableVersion(PERSON), filter);
  }

  private Process child(String failpoints) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-Dquiver.failpoints=" + failpoints);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MaintenanceChild.class.getName());
    command.add(directory.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private Map<String, Long> filesWithSizes() throws IOException {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        if (!path.getFileName().toString().equals("_quiver.lock")) {
          out.put(directory.relativize(path).toString(), Files.size(path));
        }
      }
    }
    return out;
  }

  private static Set<Path> files(Path dir) throws IOException {
    Set<Path> out = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        out.add(entry);
      }
    }
    return out;
  }

  private static Set<Path> nativeLibraries() throws IOException {
    Set<Path> found = new HashSet<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "{liblance*,jnilib-*}")) {
      for (Path entry : entries) {
        found.add(entry);
      }
    }
    return found;
  }
}
