package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.testing.TestGraphs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load "<file>" [mode …]}: NDJSON landed as one graph commit, validated whole before any table commit. */
class LoadIT {
  static final String DEMO_NDJSON =
      """
      {"type":"Person","data":{"name":"Alice","age":30}}
      {"type":"Person","data":{"name":"Bob","age":25}}
      {"type":"Person","data":{"name":"Charlie","age":35}}
      {"type":"Person","data":{"name":"Diana","age":28}}
      {"type":"Company","data":{"name":"Acme"}}
      {"type":"Company","data":{"name":"Globex"}}
      {"edge":"Knows","from":"Alice","to":"Bob"}
      {"edge":"Knows","from":"Alice","to":"Charlie"}
      {"edge":"Knows","from":"Bob","to":"Diana"}
      {"edge":"WorksAt","from":"Alice","to":"Acme"}
      {"edge":"WorksAt","from":"Bob","to":"Globex"}
      """;

  @TempDir Path directory;
  private GraphStore store;
  private Session session;

  @BeforeEach
  void createGraph() {
    store = TestGraphs.withSchema("social.pg").create(directory.resolve("graph"));
    session = store.openSession(new SessionOptions("loader", Durability.PROCESS, false));
  }

  @AfterEach
  void close() {
    session.close();
    store.close();
  }

  @Test
  void theDemoFileLoadsAsOneGraphCommit() throws IOException {
    AtomicLong lines = new AtomicLong();
    session.loadProgress((read, bytes, total) -> lines.set(read));
    UpdateResult loaded = load(DEMO_NDJSON, "");
    assertEquals(11, loaded.total());
    assertEquals(6, loaded.affectedNodes());
    assertEquals(5, loaded.affectedEdges());
    assertEquals(2, loaded.graphVersion());
    assertEquals("load", store.commits().get(1).kind());
    assertEquals(11, lines.get(), "progress reached the last line");
    assertEquals(4, MutationsIT.rows(session, "node:Person").size());
    assertEquals(3, MutationsIT.rows(session, "edge:Knows").size());
  }

  @Test
  void appendRefusesAnExistingIdAndLoadsNothing() throws IOException {
    load(DEMO_NDJSON, "");
    Snapshot before = store.snapshot();
    GraphException duplicate =
        assertThrows(
            GraphException.class,
            () -> load("{\"type\":\"Person\",\"data\":{\"name\":\"Eve\"}}\n{\"type\":\"Person\",\"data\":{\"name\":\"Bob\"}}\n", "mode append"));
    assertEquals(ErrorCode.UNIQUE_VIOLATION, duplicate.code());
    assertTrue(duplicate.getMessage().startsWith("line 2: "), duplicate.getMessage());
    assertUnchanged(before);
  }

  @Test
  void mergeUpsertsAndLeavesOtherRowsAlone() throws IOException {
    load(DEMO_NDJSON, "");
    load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\",\"age\":31}}\n{\"type\":\"Person\",\"data\":{\"name\":\"Eve\"}}\n", "mode merge");
    Map<String, Map<String, Object>> people = MutationsIT.rows(session, "node:Person");
    assertEquals(5, people.size());
    assertEquals(31, people.get("Alice").get("age"));
    assertEquals(25, people.get("Bob").get("age"));
  }

  @Test
  void overwriteReplacesOnlyTheTypesInTheFile() throws IOException {
    load(DEMO_NDJSON, "");
    load(
        """
        {"type":"Person","data":{"name":"Zed"}}
        {"edge":"Knows","from":"Zed","to":"Zed"}
        {"type":"Person","data":{"name":"Alice"}}
        {"type":"Person","data":{"name":"Bob"}}
        {"edge":"WorksAt","from":"Zed","to":"Acme"}
        """,
        "mode overwrite");
    assertEquals(List.of("Alice", "Bob", "Zed"), List.copyOf(MutationsIT.rows(session, "node:Person").keySet()));
    assertEquals(1, MutationsIT.rows(session, "edge:Knows").size());
    assertEquals(2, MutationsIT.rows(session, "node:Company").size(), "Company was not in the file: kept");
  }

  @Test
  void overwriteThatWouldStrandRetainedEdgesIsRefused() throws IOException {
    load(DEMO_NDJSON, "");
    Snapshot before = store.snapshot();
    GraphException stranded =
        assertThrows(GraphException.class, () -> load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}\n", "mode overwrite"));
    assertEquals(ErrorCode.ENDPOINT_NOT_FOUND, stranded.code());
    assertUnchanged(before);
  }

  @Test
  void endpointsMayComeFromTheSameFileButMustExist() throws IOException {
    GraphException missing =
        assertThrows(
            GraphException.class,
            () -> load("{\"type\":\"Person\",\"data\":{\"name\":\"A\"}}\n{\"edge\":\"Knows\",\"from\":\"A\",\"to\":\"Ghost\"}\n", ""));
    assertEquals(ErrorCode.ENDPOINT_NOT_FOUND, missing.code());
    assertTrue(missing.getMessage().startsWith("line 2: dst 'Ghost' not found"), missing.getMessage());
    assertEquals(2, missing.line());
    assertEquals(1, store.snapshot().graphVersion());
  }

  @Test
  void badLinesNameTheirLineAndKeepTheirState() throws IOException {
    String good = "{\"type\":\"Person\",\"data\":{\"name\":\"A\"}}\n";
    assertLoadFails(ErrorCode.INVALID_INPUT, 2, good + "{\"type\":\"Person\",\"data\":\n");
    assertLoadFails(ErrorCode.INVALID_INPUT, 3, good + "\n[1,2]\n");
    assertLoadFails(ErrorCode.INVALID_INPUT, 2, good + "{\"type\":\"Person\",\"edge\":\"Knows\"}\n");
    assertLoadFails(ErrorCode.INVALID_INPUT, 2, good + "{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"name\":\"C\"}}\n");
    assertLoadFails(ErrorCode.INVALID_INPUT, 2, good + "{\"type\":\"Person\",\"type\":null,\"data\":{\"name\":\"B\"}}\n");
    assertLoadFails(ErrorCode.UNKNOWN_TYPE, 2, good + "{\"type\":\"Persn\",\"data\":{}}\n");
    assertLoadFails(ErrorCode.UNKNOWN_PROPERTY, 2, good + "{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"agee\":3}}\n");
    assertLoadFails(ErrorCode.REQUIRED_PROPERTY_MISSING, 2, good + "{\"type\":\"Person\",\"data\":{\"age\":3}}\n");
    assertLoadFails(ErrorCode.INVALID_VALUE, 2, good + "{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"age\":\"thirty\"}}\n");
    assertLoadFails(ErrorCode.VALUE_OUT_OF_RANGE, 2, good + "{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"age\":9999999999}}\n");
    assertLoadFails(ErrorCode.UNIQUE_VIOLATION, 2, good + good);
    assertEquals(1, store.snapshot().graphVersion(), "nothing loaded");
  }

  @Test
  void aLoadLargerThanOneBatchLandsWhole() throws IOException {
    int persons = 40_000;
    Path file = directory.resolve("big.ndjson");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < persons; i++) {
        out.write("{\"type\":\"Person\",\"data\":{\"name\":\"p" + i + "\",\"age\":" + (18 + i % 80) + "}}\n");
      }
      for (int i = 0; i < persons; i++) {
        out.write("{\"edge\":\"Knows\",\"from\":\"p" + i + "\",\"to\":\"p" + ((i * 7 + 1) % persons) + "\"}\n");
      }
    }
    UpdateResult loaded = (UpdateResult) session.execute("load \"" + file + "\"", List.of());
    assertEquals(2L * persons, loaded.total());
    Snapshot after = store.snapshot();
    assertEquals(2, after.graphVersion());
    assertEquals(persons, store.rowCount(after, "node:Person"));
    assertEquals(persons, store.rowCount(after, "edge:Knows"));
  }

  @Test
  void aMissingFileIsADataError() {
    GraphException missing =
        assertThrows(GraphException.class, () -> session.execute("load \"" + directory.resolve("none.ndjson") + "\"", List.of()));
    assertEquals(ErrorCode.INVALID_INPUT, missing.code());
  }

  private void assertLoadFails(ErrorCode code, int line, String content) throws IOException {
    GraphException failure = assertThrows(GraphException.class, () -> load(content, ""));
    assertEquals(code, failure.code(), failure.getMessage());
    assertTrue(failure.getMessage().startsWith("line " + line + ": "), failure.getMessage());
    assertEquals(line, failure.line());
  }

  private void assertUnchanged(Snapshot before) {
    Snapshot now = store.snapshot();
    assertEquals(before.graphVersion(), now.graphVersion());
    assertEquals(before.tableVersions(), now.tableVersions());
  }

  private int files;

  private UpdateResult load(String content, String mode) throws IOException {
    Path file = directory.resolve("input-" + (files++) + ".ndjson");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    List<String> parts = new ArrayList<>(List.of("load", "\"" + file + "\""));
    if (!mode.isEmpty()) {
      parts.add(mode);
    }
    return (UpdateResult) session.execute(String.join(" ", parts), List.of());
  }
}
