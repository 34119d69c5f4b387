package dev.quiver.engine.storage;

import static dev.quiver.engine.testing.PersonRows.read;
import static dev.quiver.engine.testing.PersonRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.testing.PersonRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged primitives against real Lance tables: staging never moves HEAD; each commit is one version. */
class StagedWritesIT {
  private static final String PERSON = "node:Person";

  @TempDir Path directory;
  private RootAllocator allocator;
  private TableStore store;

  @BeforeEach
  void createTable() {
    allocator = new RootAllocator();
    store = new TableStore(directory, allocator);
    assertEquals(1, store.commitStaged(store.stageCreate(PERSON, PersonRows.SCHEMA), 0));
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("a", 30, "b", 25, "c", null, "d", 40))) {
      assertEquals(2, store.commitStaged(store.stageAppend(PERSON, 1, batch), 1));
    }
  }

  @AfterEach
  void closeAllocator() {
    allocator.close(); // fails the test if any Arrow buffer leaked
  }

  @Test
  void stagedAppendFollowedByAnExceptionLeavesHeadUnchanged() {
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("e", 50))) {
      StagedWrite staged = store.stageAppend(PERSON, 2, batch);
      assertEquals(1, staged.rowsAdded());
      // the writer fails here and never commits
    }
    assertEquals(2, store.head(PERSON));
    assertEquals(4, read(store, PERSON, 2).size());
    assertTrue(dataFiles().size() > 1, "staging wrote a data file nobody references");
  }

  @Test
  void upsertIsOneVersionAndKeepsEveryUnmatchedRow() {
    StagedWrite upsert;
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("b", 99, "z", 1))) {
      upsert = store.stageUpsert(PERSON, 2, batch);
    }
    assertEquals(StagedWrite.Kind.UPSERT, upsert.kind());
    assertEquals(1, upsert.rowsRemoved(), "only b existed before");
    assertEquals(2, store.head(PERSON), "staging an upsert moves nothing");

    assertEquals(3, store.commitStaged(upsert, 2));
    assertEquals(3, store.head(PERSON), "one Lance version for the whole upsert");
    Map<String, Integer> expected = new LinkedHashMap<>(rows("a", 30, "b", 99, "c", null, "d", 40, "z", 1));
    assertEquals(new java.util.TreeMap<>(expected), read(store, PERSON, 3));
    assertEquals(4, read(store, PERSON, 2).size(), "a reader pinned at 2 still sees the old rows");
    assertEquals(25, read(store, PERSON, 2).get("b"));
  }

  @Test
  void upsertOfManyIdsLocatesRowsByScan() {
    Map<String, Integer> many = new LinkedHashMap<>();
    for (int i = 0; i < 250; i++) {
      many.put("m" + i, i);
    }
    many.put("a", 31);
    try (VectorSchemaRoot batch = PersonRows.of(allocator, many)) {
      StagedWrite upsert = store.stageUpsert(PERSON, 2, batch);
      assertEquals(1, upsert.rowsRemoved());
      store.commitStaged(upsert, 2);
    }
    Map<String, Integer> after = read(store, PERSON, 3);
    assertEquals(254, after.size());
    assertEquals(31, after.get("a"));
  }

  @Test
  void deleteMatchingNothingStagesNothingAndCreatesNoVersion() {
    Optional<StagedWrite> staged = store.stageDelete(PERSON, 2, Filter.eq("name", "nobody"));
    assertTrue(staged.isEmpty());
    assertEquals(2, store.head(PERSON));
  }

  @Test
  void deleteRemovesMatchingRowsInOneVersion() {
    StagedWrite delete =
        store.stageDelete(PERSON, 2, new Filter.Compare("age", Filter.Op.GE, 30)).orElseThrow();
    assertEquals(2, delete.rowsRemoved());
    assertEquals(2, store.head(PERSON));
    assertEquals(3, store.commitStaged(delete, 2));
    assertEquals(rows("b", 25, "c", null).keySet(), read(store, PERSON, 3).keySet());
  }

  @Test
  void aLongIdListDeletesExactlyItsRowsLikeAShortOne() {
    Map<String, Integer> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      many.put("m" + i, i);
    }
    try (VectorSchemaRoot batch = PersonRows.of(allocator, many)) {
      assertEquals(3, store.commitStaged(store.stageAppend(PERSON, 2, batch), 2));
    }
    List<Object> doomed = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i += 2) {
      doomed.add("m" + i); // 150 ids: past the length Lance is given as an IN list
    }
    doomed.add("a");
    doomed.add("nobody");
    StagedWrite delete = store.stageDelete(PERSON, 3, new Filter.In("id", doomed)).orElseThrow();
    assertEquals(151, delete.rowsRemoved());
    assertEquals(4, store.commitStaged(delete, 3));
    assertEquals(304 - 151, store.countRows(PERSON, 4, null));
    assertEquals(0, store.countRows(PERSON, 4, Filter.eq("id", "m0")));
    assertEquals(1, store.countRows(PERSON, 4, Filter.eq("id", "m1")));
    assertEquals(0, store.countRows(PERSON, 4, Filter.eq("id", "a")));
  }

  @Test
  void isNotTrueKeepsRowsWhosePredicateIsNull() {
    Filter notOver30 = new Filter.IsNotTrue(new Filter.Compare("age", Filter.Op.GT, 30));
    StagedWrite delete = store.stageDelete(PERSON, 2, notOver30).orElseThrow();
    store.commitStaged(delete, 2);
    assertEquals(Map.of("d", 40), read(store, PERSON, 3), "a, b (<= 30) and c (NULL age) are deleted");
  }

  @Test
  void overwriteToAnEmptyTableKeepsTheSchema() {
    StagedWrite overwrite = store.stageOverwrite(PERSON, 2, PersonRows.SCHEMA, null);
    assertEquals(4, overwrite.rowsRemoved());
    assertEquals(3, store.commitStaged(overwrite, 2));
    assertEquals(Map.of(), read(store, PERSON, 3));
    assertEquals(PersonRows.SCHEMA, store.schema(PERSON, 3));
  }

  @Test
  void quotesInLiteralsCannotChangeAFiltersMeaning() {
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("o'brien", 1, "x' OR '1'='1", 2))) {
      store.commitStaged(store.stageAppend(PERSON, 2, batch), 2);
    }
    assertEquals(1, store.countRows(PERSON, 3, Filter.eq("id", "o'brien")));
    assertEquals(1, store.countRows(PERSON, 3, Filter.eq("id", "x' OR '1'='1")));
    assertEquals(0, store.countRows(PERSON, 3, Filter.eq("id", "nobody' OR '1'='1")));
    assertEquals(0, store.countRows(PERSON, 3, Filter.eq("name", "a\\' OR 1=1 --")));
    assertThrows(RuntimeException.class, () -> LanceFilters.identifier("na`me"));
  }

  @Test
  void aCommitOnTopOfAForeignVersionIsTornAndRestored() {
    StagedWrite ours;
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("ours", 1))) {
      ours = store.stageAppend(PERSON, 2, batch);
    }
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("foreign", 2))) {
      store.commitStaged(store.stageAppend(PERSON, 2, batch), 2); // HEAD 3, behind the protocol's back
    }
    // We believe the base is 3 (we checked it), so the commit lands on 4: clean.
    assertEquals(4, store.commitStaged(ours, 3));
    // Claiming a stale base is caught: the result would not be base + 1.
    StagedWrite late;
    try (VectorSchemaRoot batch = PersonRows.of(allocator, rows("late", 3))) {
      late = store.stageAppend(PERSON, 2, batch);
    }
    assertThrows(TornCommitException.class, () -> store.commitStaged(late, 2));
    long head = store.head(PERSON);
    assertEquals(read(store, PERSON, 2), read(store, PERSON, head), "the torn commit was restored to its base");
  }

  private List<Path> dataFiles() {
    try (Stream<Path> files = Files.list(store.tablePath(PERSON).resolve("data"))) {
      return files.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
