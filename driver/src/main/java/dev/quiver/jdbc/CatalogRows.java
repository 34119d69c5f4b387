package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.IndexInfo;
import dev.quiver.engine.SystemTables;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.jdbc.rows.Column;
import dev.quiver.jdbc.rows.ListResultSet;
import dev.quiver.jdbc.rows.SqlType;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rows of the catalog-describing {@code DatabaseMetaData} calls, computed from one {@link Catalog}: node
 * and edge types as tables of schema {@code GRAPH}, the system tables as {@code SYSTEM TABLE}s of schema
 * {@code QUIVER}, the {@code id} primary key and the {@code src}/{@code dst} foreign keys of edges. There is no
 * catalog ({@code TABLE_CAT} is null). Names and patterns match case-insensitively because identifiers are
 * case-insensitive (SPEC §6).
 */
final class CatalogRows {
  static final String GRAPH_SCHEMA = "GRAPH";
  static final String SYSTEM_SCHEMA = SystemTables.SCHEMA;
  static final String TABLE = "TABLE";
  static final String SYSTEM_TABLE = "SYSTEM TABLE";
  /** The escape character of metadata LIKE patterns ({@code getSearchStringEscape}). */
  static final char ESCAPE = '\\';

  private static final Comparator<String> BY_NAME =
      Comparator.<String, String>comparing(s -> s.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());

  private final List<TableEntry> tables;

  CatalogRows(Catalog catalog) {
    requireNonNull(catalog, "catalog is null");
    List<TableEntry> entries = new ArrayList<>();
    for (TableType type : catalog.tables()) {
      entries.add(TableEntry.of(type));
    }
    for (SystemTables.SystemTable table : SystemTables.all()) {
      List<ColumnEntry> columns = new ArrayList<>();
      for (Property column : table.columns()) {
        columns.add(ColumnEntry.of(column));
      }
      entries.add(new TableEntry(SYSTEM_SCHEMA, table.name(), SYSTEM_TABLE, table.description(), columns, null));
    }
    entries.sort(
        Comparator.comparing(TableEntry::type).thenComparing(TableEntry::schema).thenComparing(TableEntry::name, BY_NAME));
    this.tables = List.copyOf(entries);
  }

  /** A table as metadata shows it; {@code type} is the node or edge type behind a GRAPH table, else null. */
  private record TableEntry(
      String schema, String name, String type, String remarks, List<ColumnEntry> columns, TableType graphType) {
    static TableEntry of(TableType type) {
      List<ColumnEntry> columns = new ArrayList<>();
      String remarks;
      if (type instanceof EdgeType) {
        EdgeType edge = (EdgeType) type;
        remarks = "edge " + edge.name() + ": " + edge.from() + " -> " + edge.to();
        columns.add(ColumnEntry.system("id", "generated edge id"));
        columns.add(ColumnEntry.system("src", "id of the source " + edge.from() + " node"));
        columns.add(ColumnEntry.system("dst", "id of the target " + edge.to() + " node"));
      } else {
        NodeType node = (NodeType) type;
        remarks = "node type";
        columns.add(
            ColumnEntry.system(
                "id", node.keyed() ? "node id, derived from @key (" + String.join(", ", node.key()) + ")" : "generated node id"));
      }
      for (Property property : type.properties()) {
        columns.add(ColumnEntry.of(property));
      }
      return new TableEntry(GRAPH_SCHEMA, type.name(), TABLE, remarks, columns, type);
    }
  }

  private record ColumnEntry(String name, SqlType type, boolean nullable, String remarks, boolean generated) {
    static ColumnEntry of(Property property) {
      return new ColumnEntry(property.name(), SqlType.of(property.type()), property.nullable(), property.renderType(), false);
    }

    static ColumnEntry system(String name, String remarks) {
      return new ColumnEntry(name, SqlType.VARCHAR, false, remarks, true);
    }
  }

  ResultSet tables(String catalog, String schemaPattern, String tableNamePattern, String[] types) {
    List<String> wanted = types == null ? null : Arrays.asList(types);
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry table : matching(catalog, schemaPattern, tableNamePattern)) {
      if (wanted == null || wanted.stream().anyMatch(table.type()::equalsIgnoreCase)) {
        rows.add(Arrays.asList(null, table.schema(), table.name(), table.type(), table.remarks(), null, null, null, null, null));
      }
    }
    return new ListResultSet(MetadataColumns.TABLES, rows);
  }

  ResultSet columns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) {
    Pattern columnPattern = like(columnNamePattern);
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry table : sortedBySchemaAndName(matching(catalog, schemaPattern, tableNamePattern))) {
      int position = 0;
      for (ColumnEntry column : table.columns()) {
        position++;
        if (!columnPattern.matcher(column.name()).matches()) {
          continue;
        }
        SqlType type = column.type();
        rows.add(
            Arrays.asList(
                null,
                table.schema(),
                table.name(),
                column.name(),
                type.jdbcType(),
                type.name(),
                type.columnSize(),
                null,
                type.decimalDigits(),
                type.radix(),
                column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                column.remarks(),
                null,
                null,
                null,
                type.jdbcType() == Types.VARCHAR ? (Object) type.columnSize() : null,
                position,
                column.nullable() ? "YES" : "NO",
                null,
                null,
                null,
                null,
                "NO",
                column.generated() ? "YES" : "NO"));
      }
    }
    return new ListResultSet(MetadataColumns.COLUMNS, rows);
  }

  ResultSet primaryKeys(String catalog, String schema, String table) {
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry entry : named(catalog, schema, table)) {
      if (entry.graphType() != null) {
        rows.add(Arrays.asList(null, entry.schema(), entry.name(), "id", (short) 1, primaryKeyName(entry.name())));
      }
    }
    return new ListResultSet(MetadataColumns.PRIMARY_KEYS, rows);
  }

  /** The keys of the edge types named: each edge's {@code src} and {@code dst} reference its endpoints' {@code id}. */
  ResultSet importedKeys(String catalog, String schema, String table) {
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry entry : named(catalog, schema, table)) {
      if (entry.graphType() instanceof EdgeType) {
        EdgeType edge = (EdgeType) entry.graphType();
        rows.add(keyRow(edge.from(), edge, "src"));
        rows.add(keyRow(edge.to(), edge, "dst"));
      }
    }
    rows.sort(Comparator.comparing((List<Object> row) -> (String) row.get(2), BY_NAME));
    return new ListResultSet(MetadataColumns.KEYS, rows);
  }

  /** The edge keys that reference the node types named. */
  ResultSet exportedKeys(String catalog, String schema, String table) {
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry entry : named(catalog, schema, table)) {
      if (entry.graphType() instanceof NodeType) {
        rows.addAll(referencing(entry.name(), null));
      }
    }
    return new ListResultSet(MetadataColumns.KEYS, rows);
  }

  ResultSet crossReference(
      String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry parent : named(parentCatalog, parentSchema, parentTable)) {
      for (TableEntry foreign : named(foreignCatalog, foreignSchema, foreignTable)) {
        if (parent.graphType() instanceof NodeType && foreign.graphType() instanceof EdgeType) {
          rows.addAll(referencing(parent.name(), foreign.name()));
        }
      }
    }
    return new ListResultSet(MetadataColumns.KEYS, rows);
  }

  /** Key rows of every edge type (or only {@code edgeName}) that references node type {@code nodeName}. */
  private List<List<Object>> referencing(String nodeName, String edgeName) {
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry entry : sortedBySchemaAndName(tables)) {
      if (entry.graphType() instanceof EdgeType && (edgeName == null || edgeName.equals(entry.name()))) {
        EdgeType edge = (EdgeType) entry.graphType();
        if (edge.from().equals(nodeName)) {
          rows.add(keyRow(nodeName, edge, "src"));
        }
        if (edge.to().equals(nodeName)) {
          rows.add(keyRow(nodeName, edge, "dst"));
        }
      }
    }
    return rows;
  }

  /**
   * One foreign key. Deleting a node deletes its incident edges (SPEC §4: cascade); an id is derived from the
   * key, which cannot be updated, so updates are restricted.
   */
  private static List<Object> keyRow(String nodeName, EdgeType edge, String column) {
    return Arrays.asList(
        null,
        GRAPH_SCHEMA,
        nodeName,
        "id",
        null,
        GRAPH_SCHEMA,
        edge.name(),
        column,
        (short) 1,
        (short) DatabaseMetaData.importedKeyRestrict,
        (short) DatabaseMetaData.importedKeyCascade,
        edge.name() + "_" + column + "_fkey",
        primaryKeyName(nodeName),
        (short) DatabaseMetaData.importedKeyNotDeferrable);
  }

  /**
   * Index rows of the graph tables named (all of them when {@code table} is null), ordered as JDBC asks: by
   * {@code NON_UNIQUE}, {@code TYPE}, {@code INDEX_NAME}, {@code ORDINAL_POSITION} (and by table first).
   */
  ResultSet indexInfo(
      String catalog, String schema, String table, boolean uniqueOnly, List<IndexInfo> indexes, Map<String, Long> rowCounts) {
    List<TableEntry> entries = table == null ? matching(catalog, schema == null ? null : escape(schema), null) : named(catalog, schema, table);
    List<List<Object>> rows = new ArrayList<>();
    for (TableEntry entry : sortedBySchemaAndName(entries)) {
      if (entry.graphType() == null) {
        continue;
      }
      List<IndexInfo> own = new ArrayList<>();
      for (IndexInfo index : indexes) {
        if (index.tableKey().equals(entry.graphType().tableKey()) && (index.unique() || !uniqueOnly)) {
          own.add(index);
        }
      }
      own.sort(Comparator.comparing((IndexInfo index) -> !index.unique()).thenComparing(IndexInfo::name));
      for (IndexInfo index : own) {
        short position = 0;
        for (String column : index.columns()) {
          position++;
          rows.add(
              Arrays.asList(
                  null,
                  entry.schema(),
                  entry.name(),
                  !index.unique(),
                  null,
                  index.name(),
                  DatabaseMetaData.tableIndexOther,
                  position,
                  column,
                  "BTREE".equals(index.type()) ? "A" : null,
                  index.unique() ? rowCounts.get(index.tableKey()) : null,
                  null,
                  null));
        }
      }
    }
    return new ListResultSet(MetadataColumns.INDEX_INFO, rows);
  }

  /** {@code name} as a LIKE pattern that matches only itself. */
  private static String escape(String name) {
    return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String primaryKeyName(String table) {
    return table + "_pkey";
  }

  static ResultSet schemas(String catalog, String schemaPattern) {
    Pattern pattern = like(schemaPattern);
    List<List<Object>> rows = new ArrayList<>();
    if (catalogMatches(catalog)) {
      for (String schema : List.of(GRAPH_SCHEMA, SYSTEM_SCHEMA)) {
        if (pattern.matcher(schema).matches()) {
          rows.add(Arrays.asList(schema, null));
        }
      }
    }
    return new ListResultSet(MetadataColumns.SCHEMAS, rows);
  }

  static ResultSet tableTypes() {
    return new ListResultSet(MetadataColumns.TABLE_TYPES, List.of(List.of(SYSTEM_TABLE), List.of(TABLE)));
  }

  static ResultSet typeInfo() {
    List<List<Object>> rows = new ArrayList<>();
    for (SqlType type : SqlType.all()) {
      boolean text = type.jdbcType() == Types.VARCHAR;
      boolean exact = type.jdbcType() == Types.DECIMAL;
      String prefix = literalPrefix(type.jdbcType());
      rows.add(
          Arrays.asList(
              type.name(),
              type.jdbcType(),
              type.columnSize(),
              prefix,
              prefix == null ? null : "'",
              exact ? "precision,scale" : null,
              (short) DatabaseMetaData.typeNullable,
              text,
              (short) (type.jdbcType() == Types.ARRAY || type.jdbcType() == Types.VARBINARY
                  ? DatabaseMetaData.typePredBasic
                  : DatabaseMetaData.typeSearchable),
              false,
              false,
              false,
              type.name(),
              (short) 0,
              (short) (type.decimalDigits() == null ? 0 : type.decimalDigits()),
              null,
              null,
              type.radix()));
    }
    return new ListResultSet(MetadataColumns.TYPE_INFO, rows);
  }

  private static String literalPrefix(int jdbcType) {
    switch (jdbcType) {
      case Types.VARCHAR:
        return "'";
      case Types.DATE:
        return "DATE '";
      case Types.TIMESTAMP:
        return "TIMESTAMP '";
      case Types.VARBINARY:
        return "X'";
      default:
        return null;
    }
  }

  static ResultSet empty(List<Column> columns) {
    return new ListResultSet(columns, List.of());
  }

  private List<TableEntry> matching(String catalog, String schemaPattern, String tableNamePattern) {
    Pattern schemas = like(schemaPattern);
    Pattern names = like(tableNamePattern);
    List<TableEntry> result = new ArrayList<>();
    if (catalogMatches(catalog)) {
      for (TableEntry table : tables) {
        if (schemas.matcher(table.schema()).matches() && names.matcher(table.name()).matches()) {
          result.add(table);
        }
      }
    }
    return result;
  }

  /** Tables named exactly (but case-insensitively), as getPrimaryKeys and the key calls take them. */
  private List<TableEntry> named(String catalog, String schema, String table) {
    List<TableEntry> result = new ArrayList<>();
    if (catalogMatches(catalog) && table != null) {
      for (TableEntry entry : tables) {
        if ((schema == null || entry.schema().equalsIgnoreCase(schema)) && entry.name().equalsIgnoreCase(table)) {
          result.add(entry);
        }
      }
    }
    return result;
  }

  private static List<TableEntry> sortedBySchemaAndName(List<TableEntry> entries) {
    List<TableEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(TableEntry::schema).thenComparing(TableEntry::name, BY_NAME));
    return sorted;
  }

  /** There is no catalog: null (do not filter) and "" (objects without a catalog) match, anything else does not. */
  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  /**
   * A metadata LIKE pattern ({@code %} any run, {@code _} one character, {@link #ESCAPE} before either for the
   * character itself) as a case-insensitive regex; null matches everything.
   */
  static Pattern like(String pattern) {
    if (pattern == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == ESCAPE && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }
}
