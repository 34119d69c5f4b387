package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata of a real graph created through the driver with the demo schema. */
class QuiverDatabaseMetaDataTest {
  @TempDir Path dir;
  private Connection connection;
  private DatabaseMetaData metaData;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection(TestGraphUrls.demo(dir));
    metaData = connection.getMetaData();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(column));
      }
    }
    return values;
  }

  @Test
  void tablesOfTheSchemaFileAreGraphTables() throws SQLException {
    assertEquals(List.of("Company", "Knows", "Person", "WorksAt"), strings(metaData.getTables(null, "GRAPH", "%", new String[] {"TABLE"}), "TABLE_NAME"));
    assertEquals(List.of("commits", "recoveries", "tables"), strings(metaData.getTables(null, "QUIVER", null, null), "TABLE_NAME"));
    assertEquals(List.of("edge WorksAt: Person -> Company"), strings(metaData.getTables(null, null, "worksat", null), "REMARKS"));
  }

  @Test
  void columnsCarrySqlTypesAndNullability() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = metaData.getColumns(null, "GRAPH", "Knows", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("IS_NULLABLE") + " " + rs.getInt("NULLABLE"));
      }
    }
    assertEquals(
        List.of(
            "id " + Types.VARCHAR + " NO " + DatabaseMetaData.columnNoNulls,
            "src " + Types.VARCHAR + " NO " + DatabaseMetaData.columnNoNulls,
            "dst " + Types.VARCHAR + " NO " + DatabaseMetaData.columnNoNulls,
            "since " + Types.DATE + " YES " + DatabaseMetaData.columnNullable),
        columns);
    try (ResultSet rs = metaData.getColumns(null, null, "Person", "age")) {
      assertTrue(rs.next());
      assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
      assertEquals("INTEGER", rs.getString("TYPE_NAME"));
      assertEquals("YES", rs.getString("IS_NULLABLE"));
      assertEquals(3, rs.getInt("ORDINAL_POSITION"));
      assertFalse(rs.next());
    }
  }

  @Test
  void keysLinkEdgesToTheirEndpoints() throws SQLException {
    assertEquals(List.of("id"), strings(metaData.getPrimaryKeys(null, "GRAPH", "Person"), "COLUMN_NAME"));
    assertEquals(List.of("Company", "Person"), strings(metaData.getImportedKeys(null, "GRAPH", "WorksAt"), "PKTABLE_NAME"));
    assertEquals(List.of("Knows", "Knows", "WorksAt"), strings(metaData.getExportedKeys(null, "GRAPH", "Person"), "FKTABLE_NAME"));
    assertEquals(List.of("dst"), strings(metaData.getCrossReference(null, null, "Company", null, null, "WorksAt"), "FKCOLUMN_NAME"));
  }

  @Test
  void applyingASchemaThroughAStatementShowsAtOnce() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertEquals(0, statement.executeUpdate(TestGraphUrls.DEMO_SCHEMA + "node City { name: String @key  population: I64? }\n"));
    }
    assertEquals(List.of("City"), strings(metaData.getTables(null, null, "City", null), "TABLE_NAME"));
    assertEquals(List.of("id", "name", "population"), strings(metaData.getColumns(null, null, "City", null), "COLUMN_NAME"));
    try (Connection other = DriverManager.getConnection("jdbc:quiver:" + dir.resolve("graph"))) {
      assertEquals(List.of("City"), strings(other.getMetaData().getTables(null, null, "City", null), "TABLE_NAME"));
    }
  }

  @Test
  void productSchemasAndFlags() throws SQLException {
    assertEquals("Quiver", metaData.getDatabaseProductName());
    assertEquals(DriverVersion.version(), metaData.getDriverVersion());
    assertEquals("\"", metaData.getIdentifierQuoteString());
    assertEquals(List.of("GRAPH", "QUIVER"), strings(metaData.getSchemas(), "TABLE_SCHEM"));
    assertEquals(List.of(), strings(metaData.getCatalogs(), "TABLE_CAT"));
    assertEquals(List.of("SYSTEM TABLE", "TABLE"), strings(metaData.getTableTypes(), "TABLE_TYPE"));
    assertTrue(metaData.storesMixedCaseIdentifiers());
    assertFalse(metaData.supportsMixedCaseIdentifiers());
    assertFalse(metaData.supportsSavepoints());
    assertTrue(metaData.supportsSchemasInTableDefinitions(), "SchemaCrawler finds no schema without it");
    assertTrue(metaData.supportsSchemasInDataManipulation());
    assertFalse(metaData.supportsCatalogsInTableDefinitions());
    assertTrue(metaData.supportsBatchUpdates());
    assertEquals(Connection.TRANSACTION_REPEATABLE_READ, metaData.getDefaultTransactionIsolation());
    assertEquals(connection, metaData.getConnection());
    assertTrue(metaData.getURL().startsWith("jdbc:quiver:/"));
    assertEquals(11, strings(metaData.getTypeInfo(), "TYPE_NAME").size());
    assertEquals(List.of(), strings(metaData.getIndexInfo(null, null, "Person", false, true), "INDEX_NAME"));
  }

  @Test
  void indexInfoReportsTheIndexesOptimizeBuilt() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "insert Person { name: \"Alice\", age: 30 }\n"
              + "insert Person { name: \"Bob\", age: 25 }\n"
              + "insert Person { name: \"Carol\" }\n"
              + "insert Knows { from: \"Alice\", to: \"Bob\" }\n"
              + "insert Knows { from: \"Bob\", to: \"Carol\" }");
      assertEquals(List.of(), strings(metaData.getIndexInfo(null, null, "Person", false, true), "INDEX_NAME"));
      statement.executeUpdate("optimize");
    }
    List<String> person = new ArrayList<>();
    try (ResultSet rs = metaData.getIndexInfo(null, "GRAPH", "person", false, false)) {
      assertEquals(13, rs.getMetaData().getColumnCount());
      while (rs.next()) {
        assertEquals("GRAPH", rs.getString("TABLE_SCHEM"));
        assertEquals(DatabaseMetaData.tableIndexOther, rs.getShort("TYPE"));
        assertEquals(1, rs.getShort("ORDINAL_POSITION"));
        rs.getLong("PAGES");
        assertTrue(rs.wasNull());
        person.add(rs.getString("TABLE_NAME") + " " + rs.getString("INDEX_NAME") + " " + rs.getString("COLUMN_NAME")
            + " nonUnique=" + rs.getBoolean("NON_UNIQUE") + " " + rs.getString("ASC_OR_DESC") + " " + rs.getLong("CARDINALITY"));
      }
    }
    assertEquals(List.of("Person id_idx id nonUnique=false A 3", "Person name_idx name nonUnique=false A 3"), person);

    List<String> knows = new ArrayList<>();
    try (ResultSet rs = metaData.getIndexInfo(null, null, "Knows", false, true)) {
      while (rs.next()) {
        rs.getLong("CARDINALITY");
        boolean cardinalityUnknown = rs.wasNull();
        knows.add(rs.getString("INDEX_NAME") + " " + rs.getString("COLUMN_NAME") + " " + rs.getBoolean("NON_UNIQUE") + " " + cardinalityUnknown);
      }
    }
    assertEquals(List.of("id_idx id false false", "dst_idx dst true true", "src_idx src true true"), knows);
    assertEquals(List.of("id_idx"), strings(metaData.getIndexInfo(null, null, "Knows", true, false), "INDEX_NAME"));
    assertEquals(List.of(), strings(metaData.getIndexInfo(null, "QUIVER", "commits", false, false), "INDEX_NAME"));
    assertEquals(List.of(), strings(metaData.getIndexInfo("elsewhere", null, "Person", false, false), "INDEX_NAME"));
  }

  /** Each SQL capability flag that says yes is backed by a query that runs (tools build queries from them). */
  @Test
  void sqlCapabilityFlagsSayWhatCalcitePlans() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "insert Person { name: \"Alice\", age: 30 }\ninsert Person { name: \"Bob\", age: 25 }\n"
              + "insert Person { name: \"A_x\" }\ninsert Knows { from: \"Alice\", to: \"Bob\" }");
    }
    List<String> queries =
        List.of(
            "SELECT p.name AS n FROM Person AS p ORDER BY n", // aliasing, correlation names
            "SELECT name FROM Person ORDER BY age + 1, name", // expressions in ORDER BY
            "SELECT name FROM Person ORDER BY age", // ORDER BY a column not selected
            "SELECT age, COUNT(*) FROM Person GROUP BY age", // GROUP BY
            "SELECT COUNT(*) FROM Person GROUP BY age", // GROUP BY a column not selected
            "SELECT name FROM Person WHERE name LIKE 'A!_%' ESCAPE '!'",
            "SELECT p.name, k.dst FROM Person p LEFT OUTER JOIN Knows k ON k.src = p.id",
            "SELECT p.name, k.dst FROM Person p FULL OUTER JOIN Knows k ON k.src = p.id",
            "SELECT name FROM Person WHERE age > (SELECT MIN(age) FROM Person)",
            "SELECT name FROM Person p WHERE EXISTS (SELECT 1 FROM Knows k WHERE k.src = p.id)", // correlated
            "SELECT name FROM Person WHERE id IN (SELECT dst FROM Knows)",
            "SELECT name FROM Person WHERE age >= ALL (SELECT age FROM Person WHERE age IS NOT NULL)",
            "SELECT name FROM Person UNION SELECT name FROM Company",
            "SELECT name FROM Person UNION ALL SELECT name FROM Company");
    for (String sql : queries) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT name FROM Person WHERE name LIKE 'A!_%' ESCAPE '!'")) {
      assertTrue(rs.next());
      assertEquals("A_x", rs.getString(1));
      assertFalse(rs.next());
    }
    assertTrue(metaData.supportsColumnAliasing() && metaData.supportsTableCorrelationNames());
    assertTrue(metaData.supportsExpressionsInOrderBy() && metaData.supportsOrderByUnrelated());
    assertTrue(metaData.supportsGroupBy() && metaData.supportsGroupByUnrelated() && metaData.supportsGroupByBeyondSelect());
    assertTrue(metaData.supportsLikeEscapeClause() && metaData.supportsMinimumSQLGrammar());
    assertTrue(metaData.supportsOuterJoins() && metaData.supportsFullOuterJoins() && metaData.supportsLimitedOuterJoins());
    assertTrue(metaData.supportsSubqueriesInComparisons() && metaData.supportsSubqueriesInExists());
    assertTrue(metaData.supportsSubqueriesInIns() && metaData.supportsSubqueriesInQuantifieds());
    assertTrue(metaData.supportsCorrelatedSubqueries() && metaData.supportsUnion() && metaData.supportsUnionAll());
    assertTrue(metaData.allTablesAreSelectable());
  }

  @Test
  void metadataFailsWith08003AfterTheConnectionCloses() throws SQLException {
    connection.close();
    assertEquals("08003", assertThrows(SQLException.class, () -> metaData.getTables(null, null, null, null)).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, () -> metaData.getSchemas()).getSQLState());
  }
}
