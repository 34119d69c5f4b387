package dev.quiver.engine.load;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.Constraint;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.mutation.Constraints;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.tx.ArrowRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of one table in a load file: written straight into the Arrow batch being filled and staged batch
 * by batch (on the load's staging thread); ids, endpoints and {@code @unique} tuples kept for the checks that
 * span the file.
 */
final class TableLoad implements AutoCloseable {
  final TableType type;
  final TableStore.BatchSink sink;
  /** Ids of the file's rows in this table, with their lines. */
  final IdLines ids = new IdLines();
  /**
   * For edges: the endpoints not yet known as node ids of this file when their edge was read (the rest exist
   * whatever the mode), each with its first line.
   */
  final IdLines sources = new IdLines();
  final IdLines targets = new IdLines();
  /** For an edge type with a bounded {@code @card}: the out-edge count per source. */
  final Map<String, Long> outDegree = new HashMap<>();
  /** Per @unique constraint: tuple → id of the row holding it in this file. */
  final List<Map<List<Object>, String>> uniqueTuples = new ArrayList<>();

  private final BufferAllocator allocator;
  private final BatchStaging staging;
  private final boolean countsOutDegree;
  /** This file's tables by key (a node table is absent until the file has a row of it), for an edge's endpoints. */
  private final Function<String, TableLoad> tables;
  private final String fromKey;
  private final String toKey;
  private TableLoad fromNodes;
  private TableLoad toNodes;
  private VectorSchemaRoot batch;
  private FieldVector[] vectors;
  private int rows;
  /** The column layout the streaming reader uses for this table; made on its first record. */
  RecordReader.Layout layout;

  TableLoad(
      TableType type,
      TableStore.BatchSink sink,
      BatchStaging staging,
      BufferAllocator allocator,
      Catalog catalog,
      Function<String, TableLoad> tables) {
    this.type = type;
    this.sink = sink;
    this.staging = staging;
    this.allocator = allocator;
    this.tables = tables;
    if (type instanceof EdgeType edge) {
      this.fromKey = catalog.node(edge.from()).orElseThrow().tableKey();
      this.toKey = catalog.node(edge.to()).orElseThrow().tableKey();
      this.countsOutDegree = !(edge.cardinality().min() == 0 && edge.cardinality().unbounded());
    } else {
      this.fromKey = null;
      this.toKey = null;
      this.countsOutDegree = false;
    }
    for (Constraint constraint : type.constraints()) {
      if (constraint instanceof Constraint.Unique) {
        uniqueTuples.add(new HashMap<>());
      }
    }
  }

  /** The vectors of the batch being filled, in schema order; the next row goes at {@link #row()}. */
  FieldVector[] vectors() {
    if (batch == null) {
      batch = VectorSchemaRoot.create(type.arrowSchema(), allocator);
      try {
        for (FieldVector vector : batch.getFieldVectors()) {
          vector.setInitialCapacity(NdjsonLoader.BATCH_ROWS);
        }
        batch.allocateNew();
      } catch (RuntimeException e) {
        batch.close();
        batch = null;
        throw e;
      }
      vectors = batch.getFieldVectors().toArray(new FieldVector[0]);
    }
    return vectors;
  }

  int row() {
    return rows;
  }

  /** Writes a row given as column name → value (the engine's Java values) at {@link #row()}. */
  void write(Map<String, Object> row) {
    for (FieldVector vector : vectors()) {
      ArrowRows.set(vector, rows, row.get(vector.getName()));
    }
  }

  /**
   * Takes the row written at {@link #row()} once its ids pass: not already in the file, and for {@code
   * @unique} a tuple no other row of the file holds. {@code valueOf} gives the row's values by property.
   */
  void add(long line, String id, String src, String dst, Function<String, Object> valueOf) {
    long first = ids.putIfAbsent(id, line);
    if (first != IdLines.ABSENT) {
      throw NdjsonLoader.at(
          line,
          ErrorCode.UNIQUE_VIOLATION,
          type.kind().label() + " type '" + type.name() + "' already has id '" + id + "' in this file (line " + first + ")");
    }
    if (type instanceof EdgeType) {
      if (fromNodes == null) {
        fromNodes = tables.apply(fromKey);
      }
      if (toNodes == null) {
        toNodes = tables.apply(toKey);
      }
      if (fromNodes == null || !fromNodes.ids.contains(src)) {
        sources.putIfAbsent(src, line);
      }
      if (toNodes == null || !toNodes.ids.contains(dst)) {
        targets.putIfAbsent(dst, line);
      }
      if (countsOutDegree) {
        outDegree.merge(src, 1L, Long::sum);
      }
    }
    int u = 0;
    for (Constraint constraint : type.constraints()) {
      if (constraint instanceof Constraint.Unique unique) {
        List<Object> tuple = new ArrayList<>();
        for (String column : unique.properties()) {
          tuple.add(valueOf.apply(column));
        }
        if (!tuple.contains(null)) {
          String holder = uniqueTuples.get(u).putIfAbsent(tuple, id);
          if (holder != null) {
            throw NdjsonLoader.at(line, ErrorCode.UNIQUE_VIOLATION, Constraints.uniqueViolation(type, unique, tuple, holder, id));
          }
        }
        u++;
      }
    }
    if (++rows >= NdjsonLoader.BATCH_ROWS) {
      flush();
    }
  }

  /** Hands the rows taken so far over to be staged as data files, and starts a new batch. */
  void flush() {
    if (rows == 0) {
      return;
    }
    VectorSchemaRoot full = batch;
    int count = rows;
    batch = null;
    vectors = null;
    rows = 0;
    try {
      for (FieldVector vector : full.getFieldVectors()) {
        vector.setValueCount(count);
      }
      full.setRowCount(count);
    } catch (RuntimeException e) {
      full.close();
      throw e;
    }
    staging.stage(full, sink::write);
  }

  /** Frees the batch being filled (rows not yet staged are dropped). */
  @Override
  public void close() {
    if (batch != null) {
      batch.close();
      batch = null;
      vectors = null;
    }
    rows = 0;
  }
}
