package dev.quiver.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.testing.PersonRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latest graph version is read from Lance's version hint and the manifests after it, without opening the
 * dataset; a lagging, missing, unreadable or dangling hint still gives the right answer. Each case is checked
 * against a second store (no cached state) and against Lance's own answer.
 */
class ManifestVersionIT {
  private static final String PERSON = "node:Person";

  @TempDir Path root;
  private RootAllocator allocator;
  private TableStore tables;
  private ManifestStore manifest;
  private Path hint;

  @BeforeEach
  void createGraphWithFiveVersions() {
    allocator = new RootAllocator();
    tables = new TableStore(root, allocator);
    manifest = new ManifestStore(root, allocator);
    PersonRows.createGraph(tables, manifest, PERSON);
    for (int i = 0; i < 4; i++) {
      ManifestState current = manifest.read();
      manifest.publish(current.version(), current.tables(), "", "t", "mutation", List.of());
    }
    hint = root.resolve("__manifest").resolve(LanceFiles.LATEST_VERSION_HINT);
    assertTrue(Files.exists(hint), "Lance keeps the hint this relies on");
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void theHintAnswersWhenItIsCurrent() {
    assertEquals(5, fresh().latestVersion());
    assertEquals(5, fresh().read().version());
  }

  @Test
  void aLaggingHintIsWalkedForward() throws Exception {
    Files.writeString(hint, "{\"version\":2}");
    assertEquals(5, fresh().latestVersion());
  }

  @Test
  void aMissingOrUnreadableHintFallsBackToLance() throws Exception {
    Files.delete(hint);
    assertEquals(5, fresh().latestVersion());
    Files.writeString(hint, "not json");
    assertEquals(5, fresh().latestVersion());
  }

  @Test
  void aHintNamingAVersionThatDoesNotExistFallsBackToLance() throws Exception {
    Files.writeString(hint, "{\"version\":99}");
    assertEquals(5, fresh().latestVersion());
  }

  @Test
  void aPublishByAnotherHandleIsSeenAtOnce() {
    ManifestStore other = fresh();
    assertEquals(5, other.read().version());
    ManifestState current = manifest.read();
    manifest.publish(current.version(), Map.of(PERSON, current.tables().get(PERSON)), "", "t", "mutation", List.of());
    assertEquals(6, other.latestVersion());
    assertEquals(6, other.read().version(), "the cached state is not served once a newer version exists");
  }

  @Test
  void aStoreThatKnowsAVersionWalksFromItWithoutTheHint() throws Exception {
    ManifestStore other = fresh();
    assertEquals(5, other.read().version());
    publishAgain();
    publishAgain();
    Files.writeString(hint, "not json"); // only the manifests after the known version can answer now
    assertEquals(7, other.latestVersion());
    assertEquals(7, other.read().version());
  }

  @Test
  void aKnownVersionRemovedByCleanupFallsBackToTheHint() {
    ManifestStore other = fresh();
    assertEquals(5, other.read().version());
    publishAgain();
    publishAgain();
    manifest.cleanup(7); // versions 1..6 go, the known one with them
    assertEquals(7, other.latestVersion());
    assertEquals(7, other.read().version());
  }

  private void publishAgain() {
    ManifestState current = manifest.read();
    manifest.publish(current.version(), current.tables(), "", "t", "mutation", List.of());
  }

  @Test
  void aTablesHeadComesFromItsHintTooAndSurvivesALaggingOrMissingOne() throws Exception {
    long pin = manifest.read().tables().get(PERSON);
    try (org.apache.arrow.vector.VectorSchemaRoot batch = PersonRows.of(allocator, PersonRows.rows("a", 1))) {
      tables.commitStaged(tables.stageAppend(PERSON, pin, batch), pin); // an unpublished version: HEAD = pin + 1
    }
    Path tableHint = tables.tablePath(PERSON).resolve(LanceFiles.LATEST_VERSION_HINT);
    assertEquals(pin + 1, tables.head(PERSON));
    Files.writeString(tableHint, "{\"version\":" + pin + "}");
    assertEquals(pin + 1, tables.head(PERSON), "a lagging hint is walked forward");
    Files.delete(tableHint);
    assertEquals(pin + 1, tables.head(PERSON), "no hint: Lance answers");
  }

  private ManifestStore fresh() {
    return new ManifestStore(root, allocator);
  }
}
