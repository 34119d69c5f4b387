package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One script through the engine API and through JDBC leaves the same graph (STYLE §6: the parity test). */
class ParityTest {
  private static final List<String> SCRIPT =
      List.of(
          StatementsTest.DEMO_DATA,
          "update Person set { age: 31 } where name = \"Alice\"\ninsert Person { name: \"Eve\", age: 22 }",
          "insert Knows { from: \"Eve\", to: \"Alice\", since: $since }",
          "delete Person where age < 26",
          "delete Knows where from = \"Alice\"");
  private static final List<String> TABLES = List.of("node:Person", "node:Company", "edge:Knows", "edge:WorksAt");

  @TempDir Path dir;

  @Test
  void theEngineApiAndJdbcProduceTheSameGraph() throws Exception {
    Path engineGraph = dir.resolve("engine");
    try (GraphStore store = GraphStore.open(OpenOptions.at(engineGraph.toString()).withCreate(true).withSchema(TestGraphUrls.DEMO_SCHEMA));
        Session session = store.openSession(SessionOptions.defaults())) {
      for (String text : SCRIPT) {
        session.execute(text, text.contains("$since") ? List.of(LocalDate.of(2020, 5, 6)) : List.of());
      }
    }
    java.nio.file.Files.createDirectories(dir.resolve("jdbc"));
    try (Connection viaJdbc = DriverManager.getConnection(TestGraphUrls.demo(dir.resolve("jdbc")))) {
      for (String text : SCRIPT) {
        try (PreparedStatement statement = viaJdbc.prepareStatement(text)) {
          if (text.contains("$since")) {
            statement.setDate(1, java.sql.Date.valueOf("2020-05-06"));
          }
          statement.executeUpdate();
        }
      }
      try (Connection viaEngine = DriverManager.getConnection("jdbc:quiver:" + engineGraph)) {
        for (String table : TABLES) {
          assertEquals(content(viaEngine, table), content(viaJdbc, table), table);
        }
      }
    }
  }

  /** Rows without generated ids (edges and unkeyed nodes get fresh ids in each graph). */
  private static List<Map<String, Object>> content(Connection connection, String table) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : GraphRows.rows(connection, table).values()) {
      Map<String, Object> copy = new LinkedHashMap<>(row);
      if (table.startsWith("edge:")) {
        copy.remove("id");
      }
      rows.add(copy);
    }
    rows.sort((a, b) -> a.toString().compareTo(b.toString()));
    return rows;
  }
}
