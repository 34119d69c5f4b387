package dev.quiver.engine.commit;

import static dev.quiver.engine.testing.PersonRows.read;
import static dev.quiver.engine.testing.PersonRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.RecoveryRecord;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import dev.quiver.engine.storage.AtomicFiles;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.testing.PersonRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crash safety of the commit protocol (invariants 3 and 9) on real Lance tables: a fault at every step of a
 * two-table commit, thrown in-process and as a halted child JVM; a randomized kill loop; read-only opens of a
 * graph with a pending record; atomic files. After each, a read-write open must leave every commit all or
 * nothing, manifest == HEAD for every table, the right {@code QUIVER.recoveries} row, and a graph that takes
 * the next write.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RecoveryIT {
  private static final String PERSON = "node:Person";
  private static final String COMPANY = "node:Company";
  private static final List<String> BOTH = List.of(COMPANY, PERSON);

  @TempDir Path root;
  private RootAllocator allocator;
  private TableStore tables;
  private ManifestStore manifest;
  private GraphCommitter committer;
  private Set<Path> nativeLibrariesBefore;

  @BeforeEach
  void createGraph() throws IOException {
    allocator = new RootAllocator();
    tables = new TableStore(root, allocator);
    manifest = new ManifestStore(root, allocator);
    committer = new GraphCommitter(root, tables, manifest);
    PersonRows.createGraph(tables, manifest, PERSON, COMPANY);
    committer.commit(twoTables("setup", "a"));
    nativeLibrariesBefore = nativeLibraries(); // after this JVM loaded Lance, so its own library is kept
  }

  @AfterEach
  void cleanUp() throws IOException {
    allocator.close();
    // A killed child JVM leaves the native library it extracted (181 MB, as liblance*.so or jnilib-*.tmp);
    // remove the ones our children left.
    for (Path library : nativeLibraries()) {
      if (!nativeLibrariesBefore.contains(library)) {
        Files.deleteIfExists(library);
      }
    }
  }

  // ---- a fault at every step, in-process -------------------------------------------------------------

  /** The caller is told the commit failed, so unless the publish happened, it is undone. */
  @ParameterizedTest(name = "{0}@{1}")
  @CsvSource({
    "COMMIT_BEFORE_RECORD, 1, false, none",
    "TABLE_BEFORE_COMMIT, 1, false, none",
    "TABLE_BEFORE_COMMIT, 2, false, rolled_back",
    "TABLE_AFTER_COMMIT, 1, false, rolled_back",
    "TABLE_AFTER_COMMIT, 2, false, rolled_back",
    "PUBLISH_BEFORE, 1, false, rolled_back",
    "PUBLISH_AFTER, 1, true, none",
    "COMMIT_AFTER_RECORD_REMOVAL, 1, true, none",
  })
  void aFaultThrownAtAnyStepLeavesTheCommitAllOrNothing(String step, int hit, boolean visible, String outcome) {
    FailPoint point = FailPoint.valueOf(step);
    try (var armed = FailPoints.arm(point, FailPoints.throwingOnHit(hit))) {
      assertThrows(FailPoints.InjectedFault.class, () -> committer.commit(twoTables("faulty", "x")));
    }
    assertRecovered("x", visible, outcome, "faulty");
  }

  // ---- a crash at every step: a child JVM halted there ---------------------------------------------

  /** Nobody was told anything, so a commit whose tables all landed is finished; anything less is undone. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "commit.before_record=halt, false, none",
    "table.before_commit=halt, false, rolled_back",
    "table.before_commit=halt@2, false, rolled_back",
    "table.after_commit=halt, false, rolled_back",
    "table.after_commit=halt@2, true, rolled_forward",
    "publish.before=halt, true, rolled_forward",
    "publish.after=halt, true, none",
    "commit.after_record_removal=halt, true, none",
  })
  void aProcessKilledAtAnyStepIsRecoveredOnTheNextReadWriteOpen(String failpoints, boolean visible, String outcome)
      throws Exception {
    Process child = child(failpoints, "two", root.toString(), "x");
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child finished");
    assertEquals(137, child.exitValue(), "the child died at " + failpoints);
    assertEquals(
        !failpoints.startsWith("commit.before_record") && !failpoints.startsWith("commit.after"),
        pendingRecords().size() == 1,
        "a record is pending exactly between its write and its removal");
    assertRecovered("x", visible, outcome, "child-x");
  }

  @Test
  void aCrashDuringRecoveryIsRecoveredByTheNextOpen() throws Exception {
    Process child = child("table.after_commit=halt", "two", root.toString(), "x");
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    try (var armed = FailPoints.arm(FailPoint.RECOVERY_BEFORE_PUBLISH, FailPoints.throwing())) {
      assertThrows(FailPoints.InjectedFault.class, () -> GraphStore.open(OpenOptions.at(root.toString())));
    }
    assertEquals(1, pendingRecords().size(), "the record survives a failed recovery");
    assertRecovered("x", false, RecoveryRecord.ROLLED_BACK, "child-x");
  }

  // ---- randomized kills ------------------------------------------------------------------------------

  /**
   * A child commits two-table transactions in a loop and is killed at a seeded random moment, several rounds.
   * Every acknowledged commit must survive and no commit may be torn. More rounds: {@code
   * -Dquiver.crash.rounds=N}; another schedule: {@code -Dquiver.crash.seed=S}.
   */
  @Test
  void everyAcknowledgedCommitSurvivesRandomKillsAndNoneIsTorn() throws Exception {
    int rounds = Integer.getInteger("quiver.crash.rounds", 3);
    long seed = Long.getLong("quiver.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Set<String> acknowledged = new TreeSet<>();
    for (int round = 0; round < rounds; round++) {
      Process child = child(null, "loop", root.toString(), "r" + round + "-");
      List<String> acks = Collections.synchronizedList(new ArrayList<>());
      Thread reader = readAcks(child, acks);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (acks.isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10); // waiting for a JVM to warm up, not coordinating threads
      }
      assertFalse(acks.isEmpty(), "seed " + seed + ": the child never acknowledged a commit");
      Thread.sleep(random.nextInt(600));
      child.destroyForcibly();
      assertTrue(child.waitFor(1, TimeUnit.MINUTES));
      reader.join(TimeUnit.MINUTES.toMillis(1));
      acknowledged.addAll(acks);

      List<RecoveryRecord> recoveries = reopenReadWrite();
      ManifestState now = manifest.read();
      for (String table : BOTH) {
        assertEquals(tables.head(table), now.tables().get(table), "seed " + seed + ": manifest == HEAD of " + table);
      }
      Set<String> people = read(tables, PERSON, now.tables().get(PERSON)).keySet();
      Set<String> companies = read(tables, COMPANY, now.tables().get(COMPANY)).keySet();
      assertEquals(people, companies, "seed " + seed + ": no commit is torn");
      assertTrue(people.containsAll(acknowledged), "seed " + seed + ": every acknowledged commit survives");
      assertTrue(pendingRecords().isEmpty(), "seed " + seed + ": no record is left");
      for (RecoveryRecord recovery : recoveries) {
        assertEquals(BOTH, recovery.tables());
      }
    }
    committer.commit(twoTables("after", "z")); // and the graph takes the next write
  }

  // ---- read-only opens ---------------------------------------------------------------------------------

  @Test
  void aReadOnlyOpenOfAGraphWithAPendingRecordChangesNoFile() throws Exception {
    Process child = child("publish.before=halt", "two", root.toString(), "x");
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    assertEquals(1, pendingRecords().size());
    Files.delete(root.resolve(CommitGate.LOCK_FILE)); // so we see whether the open creates it
    Files.writeString(root.resolve("stale.quiver-tmp"), "left by a crash");
    Map<String, String> before = listing();
    long published = manifest.latestVersion();

    try (GraphStore store = GraphStore.open(OpenOptions.at(root.toString()).withReadOnly(true))) {
      Snapshot snapshot = store.snapshot();
      assertEquals(published, snapshot.graphVersion(), "reads the last published version");
      assertFalse(read(tables, PERSON, snapshot.tableVersion(PERSON)).containsKey("x"));
      assertEquals(List.of(), store.recoveries());
    }
    assertEquals(before, listing(), "no file was created, removed or touched");
    assertRecovered("x", true, RecoveryRecord.ROLLED_FORWARD, "child-x");
  }

  // ---- refusals --------------------------------------------------------------------------------------

  @Test
  void anUnreadableRecordRefusesTheReadWriteOpenAndIsKept() throws IOException {
    Path bogus = root.resolve(RecoveryRecords.DIRECTORY).resolve("0000000000000-bogus.json");
    Files.createDirectories(bogus.getParent());
    Files.writeString(bogus, "{\"format\": 1, \"tables\": [");
    GraphException refused = assertThrows(GraphException.class, () -> GraphStore.open(OpenOptions.at(root.toString())));
    assertEquals(ErrorCode.RECOVERY_REQUIRED, refused.code());
    assertTrue(refused.getMessage().contains(bogus.toString()), refused.getMessage());
    assertTrue(Files.exists(bogus), "the record is kept for the operator");
    GraphException write = assertThrows(GraphException.class, () -> committer.commit(twoTables("w", "y")));
    assertEquals(ErrorCode.RECOVERY_REQUIRED, write.code());
    try (GraphStore readOnly = GraphStore.open(OpenOptions.at(root.toString()).withReadOnly(true))) {
      assertEquals(manifest.latestVersion(), readOnly.snapshot().graphVersion(), "read-only still opens");
    }
  }

  @Test
  void aTableBehindItsManifestPinIsRefusedLoudlyAndTheRecordKept() {
    ManifestState current = manifest.read();
    Map<String, Long> pins = new TreeMap<>(current.tables());
    pins.put(PERSON, tables.head(PERSON) + 5);
    ManifestState ahead = manifest.publish(current.version(), pins, "", "test", "mutation", List.of(PERSON));
    PendingCommit record =
        new PendingCommit(
            RecoveryRecords.newId(),
            Instant.now(),
            "ghost",
            "mutation",
            ahead.version(),
            null,
            List.of(
                new PendingCommit.PlannedTable(PERSON, pins.get(PERSON), pins.get(PERSON), pins.get(PERSON) + 1, false),
                new PendingCommit.PlannedTable(COMPANY, pins.get(COMPANY), pins.get(COMPANY), pins.get(COMPANY) + 1, false)),
            false);
    new RecoveryRecords(root).write(record, true);
    GraphException refused = assertThrows(GraphException.class, () -> GraphStore.open(OpenOptions.at(root.toString())));
    assertEquals(ErrorCode.STORAGE_FAILURE, refused.code());
    assertTrue(refused.getMessage().contains("behind its published version"), refused.getMessage());
    assertEquals(1, pendingRecords().size());
  }

  // ---- long-lived handles ------------------------------------------------------------------------------

  @Test
  void aLiveHandleRollsACompleteInterruptedCommitForwardBeforeItsNextWrite() throws Exception {
    Process child = child("publish.before=halt", "two", root.toString(), "x");
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    CommitRequest stale = twoTables("next", "y"); // staged against the pins before the roll forward
    assertThrows(dev.quiver.engine.ConflictException.class, () -> committer.commit(stale));
    ManifestState after = committer.commit(twoTables("next", "y"));
    assertTrue(read(tables, PERSON, after.tables().get(PERSON)).keySet().containsAll(List.of("x", "y")));
    assertTrue(read(tables, COMPANY, after.tables().get(COMPANY)).keySet().containsAll(List.of("x", "y")));
    assertEquals(Recovery.ACTOR, manifest.read(after.version() - 1).commit().actor(), "recovery commits as quiver:recovery");
    assertEquals("child-x", manifest.read(after.version() - 1).recovery().orElseThrow().actor(), "the audit names whose commit it was");
    assertEquals(RecoveryRecord.ROLLED_FORWARD, manifest.read(after.version() - 1).recovery().orElseThrow().outcome());
    assertTrue(pendingRecords().isEmpty());
  }

  @Test
  void aLiveHandleRefusesToWriteOverACommitThatMustBeRolledBack() throws Exception {
    Process child = child("table.after_commit=halt", "two", root.toString(), "x");
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    GraphException refused = assertThrows(GraphException.class, () -> committer.commit(twoTables("next", "y")));
    assertEquals(ErrorCode.RECOVERY_REQUIRED, refused.code());
    assertTrue(refused.getMessage().contains("reopen it read-write"), refused.getMessage());
    assertRecovered("x", false, RecoveryRecord.ROLLED_BACK, "child-x");
  }

  // ---- atomic files ------------------------------------------------------------------------------------

  @Test
  void aFailedAtomicWriteLeavesThePreviousFileAndItsTemporaryIsSweptOnReadWriteOpen() throws IOException {
    Path target = root.resolve("probe.txt");
    AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));
    try (var armed = FailPoints.arm(FailPoint.ATOMIC_BEFORE_RENAME, FailPoints.throwing())) {
      assertThrows(FailPoints.InjectedFault.class, () -> AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8)));
      // A recovery record that never reached its name: the commit fails before any table moves.
      long personHead = tables.head(PERSON);
      assertThrows(FailPoints.InjectedFault.class, () -> committer.commit(twoTables("w", "y")));
      assertEquals(personHead, tables.head(PERSON));
    }
    assertEquals("old", Files.readString(target));
    assertEquals(2, temporaries().size(), temporaries().toString());
    try (GraphStore readOnly = GraphStore.open(OpenOptions.at(root.toString()).withReadOnly(true))) {
      assertEquals(2, temporaries().size(), "a read-only open leaves them");
    }
    assertRecovered("y", false, "none", "w");
    assertEquals(List.of(), temporaries());
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  /**
   * Opens the graph read-write (the sweep) and checks: the row {@code id} is in both tables or in neither,
   * manifest == HEAD for both tables, the last recovery row, no record left, and the next write succeeds.
   */
  private void assertRecovered(String id, boolean visible, String outcome, String actor) {
    List<RecoveryRecord> recoveries = reopenReadWrite();
    ManifestState now = manifest.read();
    for (String table : BOTH) {
      assertEquals(tables.head(table), now.tables().get(table), "manifest == HEAD of " + table);
      assertEquals(visible, read(tables, table, now.tables().get(table)).containsKey(id), id + " in " + table);
    }
    if (outcome.equals("none")) {
      assertEquals(List.of(), recoveries);
    } else {
      assertEquals(1, recoveries.size(), recoveries.toString());
      RecoveryRecord recovery = recoveries.get(0);
      assertEquals(outcome, recovery.outcome());
      assertEquals(actor, recovery.actor());
      assertEquals(BOTH, recovery.tables());
      assertEquals(Recovery.ACTOR, now.commit().actor(), "the recovery's commit row (SPEC §7: quiver:recovery)");
    }
    assertTrue(pendingRecords().isEmpty(), "no record is left");
    ManifestState next = committer.commit(twoTables("next", "next-" + id));
    assertEquals(now.version() + 1, next.version(), "the next write succeeds");
  }

  private List<RecoveryRecord> reopenReadWrite() {
    try (GraphStore store = GraphStore.open(OpenOptions.at(root.toString()))) {
      return store.recoveries();
    }
  }

  private CommitRequest twoTables(String actor, String id) {
    ManifestState base = manifest.read();
    List<StagedWrite> writes = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (String table : List.of(PERSON, COMPANY)) {
      long pin = base.tables().get(table);
      try (VectorSchemaRoot batch = PersonRows.of(allocator, rows(id, 1))) {
        writes.add(tables.stageAppend(table, pin, batch));
      }
      expected.put(table, pin);
    }
    return new CommitRequest(actor, "mutation", expected, -1, writes, null, Durability.PROCESS);
  }

  private List<Path> pendingRecords() {
    return new RecoveryRecords(root).pending().stream().map(RecoveryRecords.Pending::file).toList();
  }

  private List<Path> temporaries() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(AtomicFiles::isTemporary).sorted().toList();
    }
  }

  /** Every path under the graph with its size and modification time. */
  private Map<String, String> listing() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        out.put(
            root.relativize(path).toString(),
            Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
      }
    }
    return out;
  }

  private Process child(String failpoints, String... args) throws IOException {
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
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static Thread readAcks(Process child, List<String> acks) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("ACK ")) {
                    acks.add(line.substring(4).trim());
                  }
                }
              } catch (IOException e) {
                // the child was killed mid-line: the partial line was never acknowledged
              }
            },
            "ack-reader");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static Set<Path> nativeLibraries() throws IOException {
    Set<Path> found = new HashSet<>();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, "{liblance*,jnilib-*}")) {
      for (Path entry : entries) {
        found.add(entry);
      }
    }
    return found;
  }
}
