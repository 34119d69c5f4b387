package dev.quiver.jdbc;

import dev.quiver.engine.Column;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.Session;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.jdbc.rows.QuiverResultSet;
import dev.quiver.jdbc.rows.SqlType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a whole table as a connection sees it (its transaction included), through a {@link QuiverResultSet} over
 * the engine's scan, until SQL reads can do it. Values are what {@code getObject} returns.
 */
final class GraphRows {
  private GraphRows() {}

  /** id → (column → value) of {@code node:Person} or {@code edge:Knows}. */
  static Map<String, Map<String, Object>> rows(Connection connection, String tableKey) throws SQLException {
    Session session = connection.unwrap(QuiverConnection.class).session();
    synchronized (session) {
      TableType type = session.snapshot().catalog().table(tableKey).orElseThrow();
      List<String> names = new ArrayList<>(type.systemColumns());
      List<Column> columns = new ArrayList<>();
      for (String name : type.systemColumns()) {
        columns.add(new Column(name, "VARCHAR", 0, 0, false));
      }
      for (Property property : type.properties()) {
        names.add(property.name());
        columns.add(new Column(property.name(), SqlType.of(property.type()).name(), 0, 0, property.nullable()));
      }
      Map<String, Map<String, Object>> out = new TreeMap<>();
      try (ResultSet rows =
          new QuiverResultSet(new QueryResult(columns, session.transaction().view().scan(tableKey, names, null)))) {
        while (rows.next()) {
          Map<String, Object> row = new TreeMap<>();
          for (int i = 1; i <= names.size(); i++) {
            row.put(names.get(i - 1), rows.getObject(i));
          }
          out.put(rows.getString("id"), row);
        }
      } finally {
        if (session.autoCommit()) {
          session.transaction().clear(); // reading pinned a snapshot: release it
        }
      }
      return out;
    }
  }

  /** The ids of a table. */
  static List<String> ids(Connection connection, String tableKey) throws SQLException {
    return new ArrayList<>(rows(connection, tableKey).keySet());
  }
}
