package dev.quiver.engine.load;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Durability;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.UpdateResult;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.Constraint;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.Ids;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.mutation.Constraints;
import dev.quiver.engine.mutation.Values;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.view.CommittedView;
import dev.quiver.engine.view.RowCursor;
import dev.quiver.grammar.ast.LoadMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads an NDJSON file as one graph commit. Each non-blank line is {@code {"type":"Node","data":{…}}} or
 * {@code {"edge":"Edge","from":"id","to":"id","data":{…}}}. Rows are validated and staged batch by batch as
 * they stream in (data files only, no HEAD moves; a full batch is staged on a second thread while the next
 * fills), so memory holds only ids, endpoint sets and unique tuples besides the batches;
 * the checks that span the file — duplicate ids, existing ids ({@code append}), endpoints (including nodes of
 * the same file), {@code @unique}, {@code @card} — run before any table commit. Then every touched table is
 * committed and published together.
 */
public final class NdjsonLoader {
  /** Rows per staged batch: the unit of memory a load holds besides its id sets. */
  static final int BATCH_ROWS = 16_384;

  /** Called as the load advances. */
  @FunctionalInterface
  public interface Progress {
    void update(long lines, long bytesRead, long totalBytes);

    Progress NONE = (lines, bytes, total) -> {};
  }

  private final GraphStore store;
  private final Snapshot snapshot;
  private final Catalog catalog;
  private final LoadMode mode;
  private final Progress progress;
  private final Map<String, TableLoad> tables = new LinkedHashMap<>();
  /** Type names as records spell them, resolved once per file (a lookup per record was 8% of a load). */
  private final Map<String, NodeType> nodeTypes = new HashMap<>();
  private final Map<String, EdgeType> edgeTypes = new HashMap<>();
  private final Map<String, TableLoad> nodeTablesBySpelling = new HashMap<>();
  private final Map<String, TableLoad> edgeTablesBySpelling = new HashMap<>();
  /** Null when every record takes the general path (the reference the streaming reader is tested against). */
  private final RecordReader reader;
  private final BatchStaging staging = new BatchStaging();
  private static final java.util.Set<String> NODE_FIELDS = java.util.Set.of("type", "data");
  private static final java.util.Set<String> EDGE_FIELDS = java.util.Set.of("edge", "from", "to", "data");
  private long line;

  private NdjsonLoader(GraphStore store, LoadMode mode, Progress progress, boolean streaming) {
    this.store = store;
    this.snapshot = store.snapshot();
    this.catalog = snapshot.catalog();
    this.mode = mode;
    this.progress = progress;
    this.reader = streaming ? new RecordReader(this::nodeTable, this::edgeTable) : null;
  }

  /**
   * Loads a file. Returns the entities loaded per statement (one count) and the graph version published.
   *
   * @throws GraphException naming the line for bad input ({@code INVALID_INPUT} class 22, unknown types and
   *     properties, value errors) and keeping the constraint states (23xxx); nothing is committed then
   */
  public static UpdateResult load(
      GraphStore store, Path file, LoadMode mode, String actor, Durability durability, Progress progress) {
    return load(store, file, mode, actor, durability, progress, true);
  }

  /** {@code streaming} false reads every record on the general path: for tests comparing the two. */
  static UpdateResult load(
      GraphStore store, Path file, LoadMode mode, String actor, Durability durability, Progress progress, boolean streaming) {
    requireNonNull(file, "file is null");
    NdjsonLoader loader =
        new NdjsonLoader(store, requireNonNull(mode, "mode is null"), requireNonNull(progress, "progress is null"), streaming);
    try (BatchStaging staging = loader.staging) {
      try {
        loader.read(file);
        loader.validate();
        return loader.commit(actor, durability);
      } finally {
        for (TableLoad table : loader.tables.values()) {
          table.close();
        }
      }
    }
  }

  // ---- reading and staging ----

  private void read(Path file) {
    long total;
    try {
      total = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new GraphException(ErrorCode.INVALID_INPUT, "load file '" + file + "' does not exist");
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "cannot read load file '" + file + "': " + e, e);
    }
    long bytes = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        bytes += text.length() + 1;
        if ((line & 255) == 0) {
          dev.quiver.engine.Cancellation.check();
        }
        if (!text.isBlank()) {
          record(text);
        }
        if (line % 65_536 == 0) {
          progress.update(line, bytes, total);
        }
      }
    } catch (IOException e) {
      throw new GraphException(ErrorCode.STORAGE_FAILURE, "reading load file '" + file + "' failed at line " + line + ": " + e, e);
    }
    for (TableLoad table : tables.values()) {
      table.flush();
    }
    staging.finish();
    progress.update(line, total, total);
  }

  private void record(String text) {
    TableLoad streamed = reader == null ? null : reader.read(text);
    if (streamed != null) {
      streamed.add(line, reader.id(), reader.source(), reader.target(), streamed.layout.valueOf);
    } else {
      generalRecord(text);
    }
  }

  /** Reads a record through a map: any record the streaming reader declines, and every error's message. */
  private void generalRecord(String text) {
    Object parsed;
    try {
      parsed = JsonValues.parse(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw invalid("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> envelope)) {
      throw invalid("expected a JSON object with 'type' or 'edge'");
    }
    boolean node = envelope.containsKey("type");
    if (node == envelope.containsKey("edge")) {
      throw invalid("a record must contain exactly one of 'type' or 'edge'");
    }
    for (Object key : envelope.keySet()) {
      if (!(node ? NODE_FIELDS : EDGE_FIELDS).contains(key)) {
        throw invalid("unknown field '" + key + "' in a " + (node ? "node" : "edge") + " record");
      }
    }
    Object dataValue = envelope.get("data");
    if (dataValue != null && !(dataValue instanceof Map)) {
      throw invalid("'data' must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = dataValue == null ? Map.of() : (Map<String, Object>) dataValue;
    if (node) {
      String typeName = string(envelope.get("type"), "type");
      NodeType type = nodeTypes.computeIfAbsent(typeName, name -> catalog.node(name).orElse(null));
      if (type == null) {
        throw at(ErrorCode.UNKNOWN_TYPE, "unknown node type '" + typeName + "'");
      }
      Map<String, Object> row = properties(type, data);
      String id = nodeId(type, row, data.get("id"));
      row.put("id", id);
      TableLoad table = table(type);
      table.write(row);
      table.add(line, id, null, null, row::get);
    } else {
      String typeName = string(envelope.get("edge"), "edge");
      EdgeType type = edgeTypes.computeIfAbsent(typeName, name -> catalog.edgeIgnoreCase(name).orElse(null));
      if (type == null) {
        throw at(ErrorCode.UNKNOWN_TYPE, "unknown edge type '" + typeName + "'");
      }
      Map<String, Object> row = properties(type, data);
      Object explicit = data.get("id");
      row.put("id", explicit == null ? Ids.newId() : string(explicit, "data.id"));
      String src = string(envelope.get("from"), "from");
      String dst = string(envelope.get("to"), "to");
      row.put("src", src);
      row.put("dst", dst);
      TableLoad table = table(type);
      table.write(row);
      table.add(line, (String) row.get("id"), src, dst, row::get);
    }
  }

  private Map<String, Object> properties(TableType type, Map<String, Object> data) {
    for (String name : data.keySet()) {
      if (!name.equals("id") && type.property(name).isEmpty()) {
        throw at(ErrorCode.UNKNOWN_PROPERTY, "type '" + type.name() + "' has no property '" + name + "'");
      }
    }
    Map<String, Object> row = new LinkedHashMap<>(2 * type.properties().size() + 8); // + id, src, dst: no rehash
    for (Property property : type.properties()) {
      Object raw = jsonToRaw(property, data.get(property.name()));
      Object value;
      try {
        value = Values.coerce(property, raw, "property '" + property.name() + "' of '" + type.name() + "'");
        if (value == null && !property.nullable()) {
          throw new GraphException(
              ErrorCode.REQUIRED_PROPERTY_MISSING,
              "non-nullable property '" + property.name() + "' of '" + type.name() + "' is missing or null");
        }
        Constraints.checkValue(type, property, value);
      } catch (GraphException e) {
        throw at(e.code(), e.getMessage());
      }
      row.put(property.name(), value);
    }
    return row;
  }

  /** JSON gives Date as "YYYY-MM-DD" or epoch days and DateTime as RFC 3339 or epoch milliseconds. */
  static Object jsonToRaw(Property property, Object value) {
    if (value instanceof BigInteger number && property.type() instanceof PropertyType.Scalar scalar) {
      if (scalar.kind() == ScalarKind.DATE) {
        return LocalDate.ofEpochDay(number.longValueExact());
      }
      if (scalar.kind() == ScalarKind.DATETIME) {
        return Instant.ofEpochMilli(number.longValueExact());
      }
    }
    return value;
  }

  private String nodeId(NodeType type, Map<String, Object> row, Object explicit) {
    if (!type.keyed()) {
      return explicit == null ? Ids.newId() : string(explicit, "data.id");
    }
    String id;
    try {
      id = Ids.idOf(type, row::get);
    } catch (GraphException e) {
      throw at(e.code(), e.getMessage());
    }
    if (explicit != null && !id.equals(explicit)) {
      throw invalid(
          "node " + type.name() + " has explicit id '" + explicit + "' that does not match its @key value '" + id + "'");
    }
    return id;
  }

  private TableLoad table(TableType type) {
    return tables.computeIfAbsent(
        type.tableKey(),
        key -> new TableLoad(
            type,
            store.tableStore().openSink(key, snapshot.tableVersion(key)),
            staging,
            store.tableStore().allocator(),
            catalog,
            tables::get));
  }

  /** The table of the node type a record names, or null when there is no such type. */
  private TableLoad nodeTable(String spelling) {
    TableLoad table = nodeTablesBySpelling.get(spelling);
    if (table == null) {
      NodeType type = nodeTypes.computeIfAbsent(spelling, name -> catalog.node(name).orElse(null));
      if (type != null) {
        table = table(type);
        nodeTablesBySpelling.put(spelling, table);
      }
    }
    return table;
  }

  /** The table of the edge type a record names (case-insensitively), or null when there is no such type. */
  private TableLoad edgeTable(String spelling) {
    TableLoad table = edgeTablesBySpelling.get(spelling);
    if (table == null) {
      EdgeType type = edgeTypes.computeIfAbsent(spelling, name -> catalog.edgeIgnoreCase(name).orElse(null));
      if (type != null) {
        table = table(type);
        edgeTablesBySpelling.put(spelling, table);
      }
    }
    return table;
  }

  // ---- checks that span the file ----

  private void validate() {
    CommittedView committed = new CommittedView(store.tableStore(), snapshot);
    for (TableLoad table : tables.values()) {
      if (mode == LoadMode.APPEND) {
        forEachCommitted(committed, table.type, List.of("id"), row -> {
          if (table.ids.contains((String) row[0])) {
            throw new GraphException(
                ErrorCode.UNIQUE_VIOLATION,
                "line " + table.ids.line((String) row[0]) + ": " + table.type.kind().label() + " type '"
                    + table.type.name() + "' already has id '" + row[0] + "' (append loads new entities only)");
          }
        });
      }
      if (mode != LoadMode.OVERWRITE) {
        checkUniqueAgainstCommitted(committed, table);
      }
    }
    for (TableLoad table : tables.values()) {
      if (table.type instanceof EdgeType edge) {
        checkEndpoints(committed, edge, table.sources, edge.from(), "src");
        checkEndpoints(committed, edge, table.targets, edge.to(), "dst");
        checkCardinality(committed, edge, table);
      }
    }
    if (mode == LoadMode.OVERWRITE) {
      checkRetainedEdges(committed);
    }
  }

  private void checkUniqueAgainstCommitted(CommittedView committed, TableLoad table) {
    int u = 0;
    for (Constraint constraint : table.type.constraints()) {
      if (!(constraint instanceof Constraint.Unique unique)) {
        continue;
      }
      Map<List<Object>, String> tuples = table.uniqueTuples.get(u++);
      if (tuples.isEmpty()) {
        continue;
      }
      List<String> columns = new ArrayList<>(List.of("id"));
      columns.addAll(unique.properties());
      forEachCommitted(committed, table.type, columns, row -> {
        String id = (String) row[0];
        if (table.ids.contains(id)) {
          return; // rewritten by this file
        }
        List<Object> tuple = new ArrayList<>(List.of(row).subList(1, row.length));
        String holder = tuples.get(tuple);
        if (holder != null) {
          throw new GraphException(
              ErrorCode.UNIQUE_VIOLATION,
              "line " + table.ids.line(holder) + ": " + Constraints.uniqueViolation(table.type, unique, tuple, id, holder));
        }
      });
    }
  }

  /**
   * The endpoints an edge table's rows name on one side exist: as nodes of this file or (except where an
   * overwrite replaces the node type) committed ones. {@code wanted} holds only the endpoints that were not yet
   * nodes of the file when their edge was read; the rest exist in every mode.
   */
  private void checkEndpoints(
      CommittedView committed, EdgeType edge, IdLines wanted, String nodeType, String side) {
    NodeType node = catalog.node(nodeType).orElseThrow();
    TableLoad loaded = tables.get(node.tableKey());
    Set<String> missing = new HashSet<>();
    wanted.forEach(id -> {
      if (loaded == null || !loaded.ids.contains(id)) {
        missing.add(id);
      }
    });
    if (!missing.isEmpty() && !(mode == LoadMode.OVERWRITE && loaded != null)) {
      forEachCommitted(committed, node, List.of("id"), row -> missing.remove((String) row[0]));
    }
    if (!missing.isEmpty()) {
      String id = missing.stream().min(java.util.Comparator.comparingLong(wanted::line)).orElseThrow();
      long first = wanted.line(id);
      throw new GraphException(
          ErrorCode.ENDPOINT_NOT_FOUND,
          "line " + first + ": " + side + " '" + id + "' not found in " + nodeType + " (edge " + edge.name() + ")",
          (int) Math.min(first, Integer.MAX_VALUE),
          1,
          null);
    }
  }

  private void checkCardinality(CommittedView committed, EdgeType edge, TableLoad table) {
    if (edge.cardinality().min() == 0 && edge.cardinality().unbounded()) {
      return;
    }
    Map<String, Long> counts = new HashMap<>(table.outDegree);
    if (mode != LoadMode.OVERWRITE) {
      forEachCommitted(committed, edge, List.of("id", "src"), row -> {
        String src = (String) row[1];
        if (counts.containsKey(src) && !table.ids.contains((String) row[0])) {
          counts.merge(src, 1L, Long::sum);
        }
      });
    }
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      Constraints.checkOutDegree(edge, entry.getKey(), entry.getValue());
    }
  }

  /** An overwrite that replaces a node type must not strand edges of types the file keeps. */
  private void checkRetainedEdges(CommittedView committed) {
    for (EdgeType edge : catalog.edges()) {
      if (tables.containsKey(edge.tableKey())) {
        continue;
      }
      TableLoad from = tables.get(catalog.node(edge.from()).orElseThrow().tableKey());
      TableLoad to = tables.get(catalog.node(edge.to()).orElseThrow().tableKey());
      if (from == null && to == null) {
        continue;
      }
      forEachCommitted(committed, edge, List.of("src", "dst"), row -> {
        if (from != null && !from.ids.contains((String) row[0])) {
          throw new GraphException(
              ErrorCode.ENDPOINT_NOT_FOUND,
              "src '" + row[0] + "' not found in " + edge.from() + ": the overwrite would strand an edge of " + edge.name());
        }
        if (to != null && !to.ids.contains((String) row[1])) {
          throw new GraphException(
              ErrorCode.ENDPOINT_NOT_FOUND,
              "dst '" + row[1] + "' not found in " + edge.to() + ": the overwrite would strand an edge of " + edge.name());
        }
      });
    }
  }

  private interface RowAction {
    void accept(Object[] row);
  }

  private static void forEachCommitted(CommittedView committed, TableType type, List<String> columns, RowAction action) {
    try (RowCursor cursor = committed.scan(type.tableKey(), columns, null)) {
      while (cursor.next()) {
        action.accept(cursor.row());
      }
    }
  }

  // ---- commit ----

  private UpdateResult commit(String actor, Durability durability) {
    dev.quiver.engine.Cancellation.check();
    long nodes = 0;
    long edges = 0;
    List<StagedWrite> writes = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (TableLoad table : tables.values()) {
      String key = table.type.tableKey();
      expected.put(key, snapshot.tableVersion(key));
      writes.add(
          switch (mode) {
            case APPEND -> table.sink.finishAppend();
            case MERGE -> table.sink.finishUpsert(table.ids.asSet());
            case OVERWRITE -> table.sink.finishOverwrite(table.type.arrowSchema());
          });
      if (table.type instanceof EdgeType) {
        edges += table.ids.size();
      } else {
        nodes += table.ids.size();
      }
    }
    // Endpoint tables were read for validation: their versions must not move under the load either.
    for (TableLoad table : tables.values()) {
      if (table.type instanceof EdgeType edge) {
        for (String nodeType : List.of(edge.from(), edge.to())) {
          String key = catalog.node(nodeType).orElseThrow().tableKey();
          expected.putIfAbsent(key, snapshot.tableVersion(key));
        }
      }
    }
    if (writes.isEmpty()) {
      return new UpdateResult(List.of(0L), 0, 0, snapshot.graphVersion());
    }
    ManifestState published =
        store.committer().commit(new CommitRequest(actor, "load", expected, -1, writes, null, durability));
    return new UpdateResult(List.of(nodes + edges), nodes, edges, store.remember(published).graphVersion());
  }

  // ---- messages ----

  private String string(Object value, String field) {
    if (!(value instanceof String text)) {
      throw invalid("'" + field + "' must be a string, got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return text;
  }

  private GraphException invalid(String message) {
    return at(ErrorCode.INVALID_INPUT, message);
  }

  private GraphException at(ErrorCode code, String message) {
    return at(line, code, message);
  }

  /** An error of the record on {@code line}. */
  static GraphException at(long line, ErrorCode code, String message) {
    return new GraphException(code, "line " + line + ": " + message, (int) Math.min(line, Integer.MAX_VALUE), 1, null);
  }
}
