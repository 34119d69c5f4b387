package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL through the session: reads see the transaction's own writes and keep its snapshot. */
class SessionSqlIT {
  @TempDir Path directory;
  private GraphStore store;
  private Session session;
  private Session other;

  @BeforeEach
  void createDemoGraph() {
    store = TestGraphs.withSchema("social.pg").create(directory);
    session = store.openSession(new SessionOptions("a", Durability.PROCESS, false));
    other = store.openSession(new SessionOptions("b", Durability.PROCESS, false));
    session.execute(MutationsIT.DEMO_DATA, List.of());
  }

  @AfterEach
  void close() {
    other.close();
    session.close();
    store.close();
  }

  @Test
  void aTransactionReadsItsOwnWritesThroughSql() {
    session.autoCommit(false);
    session.execute("insert Person { name: \"Eve\", age: 91 }\nupdate Person set { age: 99 } where name = \"Alice\"", List.of());
    assertEquals(List.of("Alice", "Eve"), names(session, "SELECT name FROM Person WHERE age > 90 ORDER BY name"));
    assertEquals(List.of(), names(session, "SELECT name FROM Person WHERE age = 30"), "Alice's committed row is shadowed");
    assertEquals(List.of(), names(other, "SELECT name FROM Person WHERE age > 90"), "others see none of it");
    session.commit();
    assertEquals(List.of("Alice", "Eve"), names(other, "SELECT name FROM Person WHERE age > 90 ORDER BY name"));
  }

  @Test
  void aTransactionKeepsTheSnapshotOfItsFirstStatement() {
    session.autoCommit(false);
    assertEquals(List.of("4"), names(session, "SELECT COUNT(*) FROM Person"));
    other.execute("insert Person { name: \"Eve\" }", List.of());
    assertEquals(List.of("4"), names(session, "SELECT COUNT(*) FROM Person"), "repeatable read");
    assertEquals(List.of("5"), names(other, "SELECT COUNT(*) FROM Person"));
    session.rollback();
    assertEquals(List.of("5"), names(session, "SELECT COUNT(*) FROM Person"), "a new transaction sees the new version");
  }

  @Test
  void theDemoJoinOfTheSpecWorks() {
    assertEquals(
        List.of("Alice knows Bob", "Alice knows Charlie", "Bob knows Diana"),
        names(
            session,
            "SELECT p.name || ' knows ' || f.name FROM Knows k JOIN Person p ON k.src = p.id"
                + " JOIN Person f ON k.dst = f.id ORDER BY 1"));
  }

  private static List<String> names(Session session, String sql) {
    List<String> out = new ArrayList<>();
    try (QueryResult result = (QueryResult) session.execute(sql, List.of())) {
      while (result.rows().next()) {
        out.add(String.valueOf(result.rows().row()[0]));
      }
    }
    return out;
  }
}
