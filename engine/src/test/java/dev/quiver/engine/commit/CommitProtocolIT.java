package dev.quiver.engine.commit;

import static dev.quiver.engine.testing.PersonRows.read;
import static dev.quiver.engine.testing.PersonRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ConflictException;
import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.testing.PersonRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The graph commit protocol against real Lance tables, with real faults: threads, processes, crashes. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommitProtocolIT {
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
    commit("setup", rows("a", 30, "b", 25));
  }

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void oneCommitOfTwoTablesIsOneGraphVersion() {
    ManifestState before = manifest.read();
    StagedWrite person = append(PERSON, before.tables().get(PERSON), rows("c", 1));
    StagedWrite company = append(COMPANY, before.tables().get(COMPANY), rows("acme", null));
    ManifestState after =
        committer.commit(request("alice", before, List.of(person, company)));
    assertEquals(before.version() + 1, after.version());
    assertEquals(before.tables().get(PERSON) + 1, after.tables().get(PERSON));
    assertEquals(before.tables().get(COMPANY) + 1, after.tables().get(COMPANY));
    assertEquals("alice", after.commit().actor());
    assertEquals("mutation", after.commit().kind());
    assertEquals(List.of(COMPANY, PERSON), after.commit().tables());
    assertEquals(after.commit(), manifest.read(after.version()).commit(), "the record is part of the publish");
  }

  @Test
  void readersUseTheManifestVersionNotHead() {
    ManifestState published = manifest.read();
    long pin = published.tables().get(PERSON);
    // A write that moves HEAD behind the manifest's back (e.g. a writer that died before its publish).
    tables.commitStaged(append(PERSON, pin, rows("ghost", 0)), pin);
    assertEquals(pin + 1, tables.head(PERSON));
    ManifestState now = manifest.read();
    assertEquals(pin, now.tables().get(PERSON));
    assertFalse(read(tables, PERSON, now.tables().get(PERSON)).containsKey("ghost"));
  }

  @Test
  void anOrphanedTableVersionIsRepairedBeforeTheNextCommitSoItsRowsNeverLeak() {
    ManifestState published = manifest.read();
    long pin = published.tables().get(PERSON);
    tables.commitStaged(append(PERSON, pin, rows("orphan", 0)), pin);

    ManifestState after = commit("next", rows("c", 3));
    Map<String, Integer> visible = read(tables, PERSON, after.tables().get(PERSON));
    assertEquals(Map.of("a", 30, "b", 25, "c", 3), visible);
    assertEquals(tables.head(PERSON), after.tables().get(PERSON), "HEAD equals the manifest afterwards");
  }

  @Test
  void anExceptionBetweenTableCommitsAndPublishLeavesReadersOnTheOldVersion() {
    ManifestState before = manifest.read();
    StagedWrite person = append(PERSON, before.tables().get(PERSON), rows("x", 1));
    StagedWrite company = append(COMPANY, before.tables().get(COMPANY), rows("y", 2));
    try (var armed = FailPoints.arm(FailPoint.PUBLISH_BEFORE, FailPoints.throwing())) {
      assertThrows(
          FailPoints.InjectedFault.class, () -> committer.commit(request("t", before, List.of(person, company))));
    }
    // The moved tables were restored and the restored HEADs published as an audited recovery (invariant 3).
    ManifestState now = manifest.read();
    assertEquals(before.version() + 1, now.version());
    assertEquals("recovery", now.commit().kind());
    assertEquals("rolled_back", now.recovery().orElseThrow().outcome());
    for (String table : List.of(PERSON, COMPANY)) {
      assertEquals(tables.head(table), now.tables().get(table), "manifest == HEAD");
      assertEquals(read(tables, table, before.tables().get(table)), read(tables, table, now.tables().get(table)));
    }
    ManifestState next = commit("after", rows("z", 9));
    assertEquals(Map.of("a", 30, "b", 25, "z", 9), read(tables, PERSON, next.tables().get(PERSON)));
  }

  @Test
  void aFailureAtTheSecondTableCommitRollsTheFirstBack() {
    ManifestState before = manifest.read();
    StagedWrite person = append(PERSON, before.tables().get(PERSON), rows("x", 1));
    StagedWrite company = append(COMPANY, before.tables().get(COMPANY), rows("y", 2));
    try (var armed = FailPoints.arm(FailPoint.TABLE_BEFORE_COMMIT, FailPoints.throwingOnHit(2))) {
      assertThrows(
          FailPoints.InjectedFault.class, () -> committer.commit(request("t", before, List.of(person, company))));
    }
    ManifestState now = manifest.read();
    assertEquals(tables.head(PERSON), now.tables().get(PERSON));
    assertEquals(before.tables().get(COMPANY), now.tables().get(COMPANY));
    assertEquals(read(tables, PERSON, before.tables().get(PERSON)), read(tables, PERSON, now.tables().get(PERSON)));
  }

  @Test
  void ofTwoThreadsCommittingFromTheSameVersionExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        ManifestState base = manifest.read();
        long pin = base.tables().get(PERSON);
        List<StagedWrite> writes = List.of(append(PERSON, pin, rows("r" + round + "a", 1)), append(PERSON, pin, rows("r" + round + "b", 2)));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (StagedWrite write : writes) {
          outcomes.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      committer.commit(request("racer", base, List.of(write)));
                      return "OK";
                    } catch (ConflictException e) {
                      assertEquals(PERSON, e.table());
                      assertEquals(pin, e.expectedVersion());
                      assertEquals(pin + 1, e.actualVersion());
                      return "CONFLICT";
                    }
                  }));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          results.add(outcome.get(2, TimeUnit.MINUTES));
        }
        results.sort(null);
        assertEquals(List.of("CONFLICT", "OK"), results, "round " + round);
        ManifestState after = manifest.read();
        assertEquals(base.version() + 1, after.version());
        assertEquals(base.tables().get(PERSON) + 1, after.tables().get(PERSON));
        int expectedRows = read(tables, PERSON, pin).size() + 1;
        assertEquals(expectedRows, read(tables, PERSON, after.tables().get(PERSON)).size(), "the loser's row is not visible");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ofTwoProcessesCommittingFromTheSameVersionExactlyOneWins() throws Exception {
    long pin = manifest.read().tables().get(PERSON);
    Path go = root.resolve("go");
    List<Process> children = List.of(child(pin, go, "p1", null), child(pin, go, "p2", null));
    for (Process child : children) {
      assertEquals("STAGED", firstLine(child));
    }
    Files.writeString(go, "go");
    List<String> results = new ArrayList<>();
    for (Process child : children) {
      results.add(output(child));
    }
    assertEquals(1, results.stream().filter(r -> r.startsWith("OK")).count(), results.toString());
    assertEquals(1, results.stream().filter(r -> r.startsWith("CONFLICT CONFLICT")).count(), results.toString());
    ManifestState after = manifest.read();
    assertEquals(pin + 1, after.tables().get(PERSON));
    Map<String, Integer> visible = read(tables, PERSON, after.tables().get(PERSON));
    assertTrue(visible.containsKey("p1") ^ visible.containsKey("p2"), visible.toString());
  }

  @Test
  void aProcessKilledBetweenTableCommitAndPublishLeaksNothing() throws Exception {
    long pin = manifest.read().tables().get(PERSON);
    Process child = child(pin, null, "dead", "publish.before=halt");
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    assertEquals(137, child.exitValue(), "the child died at the fail point");
    assertEquals(pin + 1, tables.head(PERSON), "its table commit landed");
    assertEquals(pin, manifest.read().tables().get(PERSON), "but was never published");

    ManifestState after = commit("survivor", rows("alive", 5));
    assertEquals(Map.of("a", 30, "b", 25, "alive", 5), read(tables, PERSON, after.tables().get(PERSON)));
  }

  @Test
  void aConflictNamesTheTableAndBothVersions() {
    ManifestState stale = manifest.read();
    commit("first", rows("c", 1));
    StagedWrite late = append(PERSON, stale.tables().get(PERSON), rows("d", 2));
    ConflictException conflict =
        assertThrows(ConflictException.class, () -> committer.commit(request("late", stale, List.of(late))));
    assertTrue(conflict.getMessage().contains("node type 'Person'"), conflict.getMessage());
    assertTrue(conflict.getMessage().contains("expected table version " + stale.tables().get(PERSON)), conflict.getMessage());
    assertTrue(
        conflict.getMessage().contains("version " + (stale.tables().get(PERSON) + 1)), conflict.getMessage());
  }

  @Test
  void anEmptyCommitRequestStillNeedsNoTableVersion() {
    ManifestState before = manifest.read();
    assertThrows(
        GraphException.class,
        () ->
            committer.commit(
                new CommitRequest("t", "schema", Map.of(), before.version() - 1, List.of(), null, Durability.PROCESS)));
    assertEquals(before.version(), manifest.read().version());
  }

  private ManifestState commit(String actor, Map<String, Integer> rows) {
    ManifestState base = manifest.read();
    return committer.commit(request(actor, base, List.of(append(PERSON, base.tables().get(PERSON), rows))));
  }

  private CommitRequest request(String actor, ManifestState base, List<StagedWrite> writes) {
    Map<String, Long> expected = new java.util.HashMap<>();
    for (StagedWrite write : writes) {
      expected.put(write.tableKey(), base.tables().get(write.tableKey()));
    }
    return new CommitRequest(actor, "mutation", expected, -1, writes, null, Durability.FSYNC);
  }

  private StagedWrite append(String table, long version, Map<String, Integer> rows) {
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows)) {
      return tables.stageAppend(table, version, batch);
    }
  }

  private Process child(long expected, Path go, String id, String failpoints) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    if (failpoints != null) {
      command.add("-Dquiver.failpoints=" + failpoints);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CommitChild.class.getName());
    command.add(root.toString());
    command.add(PERSON);
    command.add(Long.toString(expected));
    command.add(go == null ? "-" : go.toString());
    command.add(id);
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Reads one line byte by byte, so nothing after it is buffered away from {@link #output}. */
  private static String firstLine(Process process) throws Exception {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    java.io.InputStream in = process.getInputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8).trim();
  }

  private static String output(Process process) throws Exception {
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "child finished");
    String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return rest;
  }
}
