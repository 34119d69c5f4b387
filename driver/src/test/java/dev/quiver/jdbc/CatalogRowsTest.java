package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.engine.catalog.Cardinality;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata rows over a hand-built catalog: the demo graph plus one type of every property kind. */
class CatalogRowsTest {
  private static final Catalog CATALOG =
      new Catalog(
          List.of(
              node("Person", List.of("name"), prop("name", ScalarKind.STRING, false), prop("age", ScalarKind.I32, true)),
              node("Company", List.of("name"), prop("name", ScalarKind.STRING, false)),
              node(
                  "Everything",
                  List.of(),
                  prop("s", ScalarKind.STRING, false),
                  prop("b", ScalarKind.BOOL, true),
                  prop("i32", ScalarKind.I32, true),
                  prop("i64", ScalarKind.I64, true),
                  prop("u32", ScalarKind.U32, true),
                  prop("u64", ScalarKind.U64, true),
                  prop("f32", ScalarKind.F32, true),
                  prop("f64", ScalarKind.F64, true),
                  prop("d", ScalarKind.DATE, true),
                  prop("dt", ScalarKind.DATETIME, true),
                  prop("blob", ScalarKind.BLOB, true),
                  new Property("mood", new PropertyType.EnumOf(List.of("happy", "sad")), true),
                  new Property("tags", new PropertyType.ListOf(ScalarKind.STRING), true),
                  new Property("embedding", new PropertyType.Vector(4), false))),
          List.of(edge("Knows", "Person", "Person", prop("since", ScalarKind.DATE, true)), edge("WorksAt", "Person", "Company")),
          "");

  private final CatalogRows rows = new CatalogRows(CATALOG);

  private static Property prop(String name, ScalarKind kind, boolean nullable) {
    return new Property(name, new PropertyType.Scalar(kind), nullable);
  }

  private static NodeType node(String name, List<String> key, Property... properties) {
    return new NodeType(name, List.of(properties), key, List.of(), List.of(), List.of());
  }

  private static EdgeType edge(String name, String from, String to, Property... properties) {
    return new EdgeType(name, from, to, Cardinality.ANY, List.of(properties), List.of(), List.of());
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(rs.getString(name));
    }
    return values;
  }

  @Test
  void tablesListSystemTablesThenGraphTypesOrderedByName() throws SQLException {
    ResultSet rs = rows.tables(null, null, null, null);
    List<String> tables = new ArrayList<>();
    while (rs.next()) {
      assertNull(rs.getString("TABLE_CAT"));
      tables.add(rs.getString("TABLE_TYPE") + " " + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
    }
    assertEquals(
        List.of(
            "SYSTEM TABLE QUIVER.commits",
            "SYSTEM TABLE QUIVER.recoveries",
            "SYSTEM TABLE QUIVER.tables",
            "TABLE GRAPH.Company",
            "TABLE GRAPH.Everything",
            "TABLE GRAPH.Knows",
            "TABLE GRAPH.Person",
            "TABLE GRAPH.WorksAt"),
        tables);
  }

  @Test
  void tableRemarksSayNodeOrEdgeWithEndpoints() throws SQLException {
    assertEquals(List.of("node type"), column(rows.tables(null, "GRAPH", "Person", null), "REMARKS"));
    assertEquals(List.of("edge Knows: Person -> Person"), column(rows.tables(null, "GRAPH", "Knows", null), "REMARKS"));
  }

  @Test
  void tablePatternsAreCaseInsensitiveLikePatternsWithEscape() throws SQLException {
    assertEquals(List.of("Person"), column(rows.tables(null, "graph", "per%", null), "TABLE_NAME"));
    assertEquals(List.of("Knows"), column(rows.tables(null, null, "_nows", null), "TABLE_NAME"));
    assertEquals(List.of("Company", "Everything", "Knows", "Person", "WorksAt"), column(rows.tables(null, "G%", "%", null), "TABLE_NAME"));
    assertEquals(List.of(), column(rows.tables(null, null, "Per\\%", null), "TABLE_NAME"));
    assertEquals(List.of("commits"), column(rows.tables(null, "QUIVER", "commits", null), "TABLE_NAME"));
  }

  @Test
  void typesAndCatalogFilter() throws SQLException {
    assertEquals(List.of("commits", "recoveries", "tables"), column(rows.tables(null, null, null, new String[] {"SYSTEM TABLE"}), "TABLE_NAME"));
    assertEquals(5, column(rows.tables(null, null, null, new String[] {"TABLE"}), "TABLE_NAME").size());
    assertEquals(8, column(rows.tables("", null, null, null), "TABLE_NAME").size());
    assertEquals(0, column(rows.tables("graph", null, null, null), "TABLE_NAME").size());
    assertEquals(0, column(rows.tables(null, "", null, null), "TABLE_NAME").size());
  }

  @Test
  void nodeColumnsStartWithIdAndCarryNullability() throws SQLException {
    ResultSet rs = rows.columns(null, "GRAPH", "Person", null);
    assertEquals(24, rs.getMetaData().getColumnCount());
    rs.next();
    assertEquals("id", rs.getString("COLUMN_NAME"));
    assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
    assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
    assertEquals("NO", rs.getString("IS_NULLABLE"));
    assertEquals(1, rs.getInt("ORDINAL_POSITION"));
    rs.next();
    assertEquals("name", rs.getString("COLUMN_NAME"));
    assertEquals("NO", rs.getString("IS_NULLABLE"));
    rs.next();
    assertEquals("age", rs.getString("COLUMN_NAME"));
    assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
    assertEquals("INTEGER", rs.getString("TYPE_NAME"));
    assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
    assertEquals("YES", rs.getString("IS_NULLABLE"));
    assertEquals(3, rs.getInt("ORDINAL_POSITION"));
    assertEquals(false, rs.next());
  }

  @Test
  void edgeColumnsStartWithIdSrcDst() throws SQLException {
    assertEquals(List.of("id", "src", "dst", "since"), column(rows.columns(null, null, "Knows", null), "COLUMN_NAME"));
    assertEquals(List.of("src"), column(rows.columns(null, null, "Knows", "s_c"), "COLUMN_NAME"));
  }

  @Test
  void everyPropertyTypeMapsPerSpec() throws SQLException {
    ResultSet rs = rows.columns(null, null, "Everything", null);
    List<String> mapped = new ArrayList<>();
    while (rs.next()) {
      mapped.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("TYPE_NAME") + ":" + rs.getString("COLUMN_SIZE") + ":" + rs.getString("DECIMAL_DIGITS"));
    }
    assertEquals(
        List.of(
            "id:" + Types.VARCHAR + ":VARCHAR:2147483647:null",
            "s:" + Types.VARCHAR + ":VARCHAR:2147483647:null",
            "b:" + Types.BOOLEAN + ":BOOLEAN:1:null",
            "i32:" + Types.INTEGER + ":INTEGER:10:0",
            "i64:" + Types.BIGINT + ":BIGINT:19:0",
            "u32:" + Types.BIGINT + ":BIGINT:19:0",
            "u64:" + Types.DECIMAL + ":DECIMAL:20:0",
            "f32:" + Types.REAL + ":REAL:7:null",
            "f64:" + Types.DOUBLE + ":DOUBLE:15:null",
            "d:" + Types.DATE + ":DATE:10:null",
            "dt:" + Types.TIMESTAMP + ":TIMESTAMP:23:3",
            "blob:" + Types.VARBINARY + ":VARBINARY:2147483647:null",
            "mood:" + Types.VARCHAR + ":VARCHAR:5:null",
            "tags:" + Types.ARRAY + ":VARCHAR ARRAY:2147483647:null",
            "embedding:" + Types.ARRAY + ":REAL ARRAY:4:null"),
        mapped);
  }

  @Test
  void systemTableColumnsFollowTheSpec() throws SQLException {
    ResultSet rs = rows.columns(null, "QUIVER", "commits", null);
    List<String> columns = new ArrayList<>();
    while (rs.next()) {
      columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
    }
    assertEquals(List.of("graph_version BIGINT", "committed_at TIMESTAMP", "actor VARCHAR", "kind VARCHAR", "tables VARCHAR"), columns);
    assertEquals(List.of("type_name", "kind", "table_version", "row_count"), column(rows.columns(null, "QUIVER", "tables", null), "COLUMN_NAME"));
    assertEquals(List.of("recovered_at", "outcome", "actor", "tables"), column(rows.columns(null, "QUIVER", "recoveries", null), "COLUMN_NAME"));
  }

  @Test
  void primaryKeyIsIdForNodeAndEdgeTypesOnly() throws SQLException {
    ResultSet rs = rows.primaryKeys(null, null, "person");
    rs.next();
    assertEquals("Person", rs.getString("TABLE_NAME"));
    assertEquals("id", rs.getString("COLUMN_NAME"));
    assertEquals(1, rs.getShort("KEY_SEQ"));
    assertEquals(false, rs.next());
    assertEquals(List.of("id"), column(rows.primaryKeys(null, "GRAPH", "Knows"), "COLUMN_NAME"));
    assertEquals(List.of(), column(rows.primaryKeys(null, "QUIVER", "commits"), "COLUMN_NAME"));
  }

  @Test
  void edgeImportsSrcAndDstFromItsEndpoints() throws SQLException {
    ResultSet rs = rows.importedKeys(null, null, "WorksAt");
    List<String> keys = new ArrayList<>();
    while (rs.next()) {
      keys.add(rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + "->" + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " delete=" + rs.getShort("DELETE_RULE"));
    }
    assertEquals(
        List.of(
            "WorksAt.dst->Company.id delete=" + DatabaseMetaData.importedKeyCascade,
            "WorksAt.src->Person.id delete=" + DatabaseMetaData.importedKeyCascade),
        keys);
    assertEquals(List.of("src", "dst"), column(rows.importedKeys(null, null, "Knows"), "FKCOLUMN_NAME"));
    assertEquals(List.of(), column(rows.importedKeys(null, null, "Person"), "FKCOLUMN_NAME"));
  }

  @Test
  void nodeExportsItsIdToEveryIncidentEdge() throws SQLException {
    ResultSet rs = rows.exportedKeys(null, null, "Person");
    List<String> keys = new ArrayList<>();
    while (rs.next()) {
      keys.add(rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME"));
    }
    assertEquals(List.of("Knows.src", "Knows.dst", "WorksAt.src"), keys);
    assertEquals(List.of("WorksAt"), column(rows.exportedKeys(null, null, "Company"), "FKTABLE_NAME"));
  }

  @Test
  void crossReferenceNamesTheKeysBetweenTwoTables() throws SQLException {
    assertEquals(List.of("dst"), column(rows.crossReference(null, null, "Company", null, null, "WorksAt"), "FKCOLUMN_NAME"));
    assertEquals(List.of(), column(rows.crossReference(null, null, "Company", null, null, "Knows"), "FKCOLUMN_NAME"));
  }

  @Test
  void schemasTableTypesAndTypeInfo() throws SQLException {
    assertEquals(List.of("GRAPH", "QUIVER"), column(CatalogRows.schemas(null, null), "TABLE_SCHEM"));
    assertEquals(List.of("QUIVER"), column(CatalogRows.schemas(null, "q%"), "TABLE_SCHEM"));
    assertEquals(List.of("SYSTEM TABLE", "TABLE"), column(CatalogRows.tableTypes(), "TABLE_TYPE"));
    assertEquals(
        List.of("BIGINT", "VARBINARY", "DECIMAL", "INTEGER", "REAL", "DOUBLE", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMP", "ARRAY"),
        column(CatalogRows.typeInfo(), "TYPE_NAME"));
  }

  @Test
  void everyColumnTypeReturnedIsInTypeInfo() throws SQLException {
    List<Integer> typeInfo = new ArrayList<>();
    ResultSet info = CatalogRows.typeInfo();
    while (info.next()) {
      typeInfo.add(info.getInt("DATA_TYPE"));
    }
    ResultSet columns = rows.columns(null, null, null, null);
    while (columns.next()) {
      assertEquals(true, typeInfo.contains(columns.getInt("DATA_TYPE")), columns.getString("TYPE_NAME"));
    }
  }
}
