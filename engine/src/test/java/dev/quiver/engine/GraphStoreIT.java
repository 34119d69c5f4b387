package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.testing.TestGraphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, creating, sharing and evolving graphs through the engine facade. */
class GraphStoreIT {
  private static final String SOCIAL = TestGraphs.resource("social.pg");

  @TempDir Path directory;

  @Test
  void createdGraphPinsAnEmptyTablePerType() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory)) {
      Snapshot snapshot = store.snapshot();
      assertEquals(1, snapshot.graphVersion());
      assertEquals(
          List.of("node:Person", "node:Company", "edge:Knows", "edge:WorksAt"),
          snapshot.catalog().tables().stream().map(TableType::tableKey).toList());
      for (TableType type : snapshot.catalog().tables()) {
        assertEquals(1, snapshot.tableVersion(type.tableKey()));
        assertEquals(0, store.rowCount(snapshot, type.tableKey()));
      }
      CommitRecord creation = store.commits().get(0);
      assertEquals("schema", creation.kind());
      assertEquals(1, creation.graphVersion());
      assertTrue(Files.isDirectory(directory.resolve("nodes/Person")));
      assertTrue(Files.isDirectory(directory.resolve("edges/WorksAt")));
    }
  }

  @Test
  void theCreatingCommitRecordsTheActorOfTheOpen() {
    try (GraphStore store =
        GraphStore.open(
            OpenOptions.at(directory.toString()).withCreate(true).withSchema(SOCIAL).withActor("ada"))) {
      assertEquals("ada", store.commits().get(0).actor());
    }
  }

  @Test
  void openingAMissingGraphWithoutCreateSaysHow() {
    GraphException missing =
        assertThrows(GraphException.class, () -> GraphStore.open(OpenOptions.at(directory.resolve("none").toString())));
    assertEquals(ErrorCode.GRAPH_NOT_FOUND, missing.code());
    assertTrue(missing.getMessage().contains("create=true"), missing.getMessage());
    assertFalse(Files.exists(directory.resolve("none")), "a failed open creates nothing");
  }

  @Test
  void aReadOnlyOpenCannotCreateAndChangesNoFile() throws IOException {
    assertEquals(
        ErrorCode.GRAPH_OPEN_FAILED,
        assertThrows(
                GraphException.class,
                () -> GraphStore.open(OpenOptions.at(directory.toString()).withCreate(true).withReadOnly(true)))
            .code());
    TestGraphs.withSchema("social.pg").create(directory).close();
    Files.writeString(directory.resolve("leftover.quiver-tmp"), "x");
    Map<String, FileTime> before = listing(directory);
    try (GraphStore store = GraphStore.open(OpenOptions.at(directory.toString()).withReadOnly(true));
        Session session = store.openSession(SessionOptions.defaults())) {
      assertEquals(4, session.catalog().tables().size());
      assertEquals(
          ErrorCode.READ_ONLY, assertThrows(GraphException.class, () -> session.applySchema(SOCIAL + "node X { a: I32 }")).code());
    }
    assertEquals(before, listing(directory), "read-only open wrote, moved or deleted a file");
  }

  @Test
  void aReadWriteOpenSweepsTemporaries() throws IOException {
    TestGraphs.withSchema("social.pg").create(directory).close();
    Files.writeString(directory.resolve("schema.pg.123.456.quiver-tmp"), "half written");
    GraphStore.open(OpenOptions.at(directory.toString())).close();
    assertFalse(Files.exists(directory.resolve("schema.pg.123.456.quiver-tmp")));
  }

  @Test
  void connectionsToOneLocationShareOneStore() {
    try (GraphStore first = TestGraphs.withSchema("social.pg").create(directory);
        GraphStore second = GraphStore.open(OpenOptions.at(directory.resolve(".").toString()))) {
      assertSame(first, second);
    }
    try (GraphStore reopened = GraphStore.open(OpenOptions.at("file:" + directory))) {
      assertEquals(1, reopened.snapshot().graphVersion(), "state survives closing every handle");
      assertEquals(SOCIAL, reopened.catalog().source());
    }
  }

  @Test
  void applyingANewTypeIsOneSchemaCommit() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("ada", Durability.FSYNC, false))) {
      String evolved = SOCIAL + "\nnode City { name: String @key }\nedge LivesIn: Person -> City\n";
      assertEquals(2, session.applySchema(evolved));
      Snapshot after = store.snapshot();
      assertTrue(after.catalog().node("City").isPresent());
      assertEquals(1, after.tableVersion("node:City"));
      assertEquals(1, after.tableVersion("node:Person"), "untouched tables keep their version");
      CommitRecord record = store.commits().get(1);
      assertEquals("ada", record.actor());
      assertEquals("schema", record.kind());
      assertEquals(List.of("edge:LivesIn", "node:City"), record.tables());
      assertEquals(2, session.applySchema(evolved), "re-applying the same schema changes nothing");
    }
  }

  @Test
  void addingAnOptionalPropertyKeepsTheRowsWithNulls() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(SessionOptions.defaults())) {
      session.applySchema(SOCIAL.replace("node Company { name: String @key }", "node Company { name: String @key }\nnode Tag { label: String @key }"));
      long before = store.snapshot().tableVersion("node:Person");
      String withEmail = store.catalog().source().replace("age: I32?", "age: I32?  email: String?");
      long version = session.applySchema(withEmail);
      Snapshot after = store.snapshot();
      assertEquals(version, after.graphVersion());
      assertEquals(before + 1, after.tableVersion("node:Person"));
      assertTrue(after.catalog().node("Person").orElseThrow().property("email").isPresent());
      assertTrue(
          store.tableStore().schema("node:Person", after.tableVersion("node:Person")).findField("email") != null);
    }
  }

  @Test
  void aDestructiveSchemaChangeIsRefusedAndChangesNothing() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(SessionOptions.defaults())) {
      GraphException dropped =
          assertThrows(
              GraphException.class,
              () -> session.applySchema(SOCIAL.replace("edge WorksAt: Person -> Company", "")));
      assertEquals(ErrorCode.SCHEMA_CHANGE_UNSUPPORTED, dropped.code());
      GraphException required =
          assertThrows(
              GraphException.class, () -> session.applySchema(SOCIAL.replace("age: I32?", "age: I32? nick: String")));
      assertEquals(ErrorCode.SCHEMA_CHANGE_UNSUPPORTED, required.code());
      assertEquals(1, store.snapshot().graphVersion());
      assertEquals(SOCIAL, store.catalog().source());
    }
  }

  @Test
  void aBadSchemaAtCreationCreatesNoGraph() {
    GraphException bad =
        assertThrows(
            GraphException.class,
            () -> GraphStore.open(OpenOptions.at(directory.toString()).withCreate(true).withSchema("node Person {")));
    assertEquals(ErrorCode.SYNTAX_ERROR, bad.code());
    assertTrue(bad.line() > 0);
    assertThrows(GraphException.class, () -> GraphStore.open(OpenOptions.at(directory.toString())));
  }

  @Test
  void readersOfASnapshotSeeTheTableVersionsItPins() {
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory)) {
      Snapshot snapshot = store.snapshot();
      try (TableScan scan =
          store.tableStore().openScan("node:Person", snapshot.tableVersion("node:Person"), List.of("id"), null)) {
        int rows = 0;
        while (scan.next()) {
          VarCharVector ids = (VarCharVector) scan.batch().getVector("id");
          rows += ids.getValueCount();
        }
        assertEquals(0, rows);
      }
      assertNotNull(snapshot.catalog().node("Person").orElseThrow().arrowSchema().findField("age"));
    }
  }

  private static Map<String, FileTime> listing(Path root) throws IOException {
    Map<String, FileTime> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        out.put(root.relativize(file).toString(), Files.getLastModifiedTime(file));
      }
    }
    return out;
  }

}
