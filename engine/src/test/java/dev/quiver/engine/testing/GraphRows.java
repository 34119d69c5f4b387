package dev.quiver.engine.testing;

import dev.quiver.engine.tx.ArrowRows;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.storage.StagedWrite;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes rows of engine values (String, Integer, Long, BigInteger, Float, Double, Boolean, LocalDate, Instant,
 * byte[], List, float[]) into a graph's tables as one graph commit, bypassing the mutation layer: the fixture
 * loader for read tests.
 */
public final class GraphRows {
  private final Map<String, List<List<Object>>> rows = new LinkedHashMap<>();

  /** Adds a row to a type's table: values in table column order (system columns first). */
  public GraphRows add(String tableKey, Object... values) {
    rows.computeIfAbsent(tableKey, k -> new ArrayList<>()).add(java.util.Arrays.asList(values));
    return this;
  }

  /** Appends every added row in one graph commit of kind {@code load}; returns the new snapshot. */
  public Snapshot commit(GraphStore store) {
    Snapshot base = store.snapshot();
    List<StagedWrite> writes = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    try (BufferAllocator allocator =
        store.tableStore().allocator().newChildAllocator("graph-rows", 0, Long.MAX_VALUE)) {
      for (Map.Entry<String, List<List<Object>>> entry : rows.entrySet()) {
        TableType type = base.catalog().table(entry.getKey()).orElseThrow();
        long pin = base.tableVersion(entry.getKey());
        try (VectorSchemaRoot batch = toArrow(type.arrowSchema(), entry.getValue(), allocator)) {
          writes.add(store.tableStore().stageAppend(entry.getKey(), pin, batch));
        }
        expected.put(entry.getKey(), pin);
      }
    }
    store
        .committer()
        .commit(new CommitRequest("test", "load", expected, base.graphVersion(), writes, null, Durability.PROCESS));
    return store.snapshot();
  }

  /** A batch of rows in a schema; the caller closes it. */
  public static VectorSchemaRoot toArrow(Schema schema, List<List<Object>> rows, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = rows.get(r);
      for (int c = 0; c < root.getFieldVectors().size(); c++) {
        ArrowRows.set(root.getVector(c), r, row.get(c));
      }
    }
    root.setRowCount(rows.size());
    return root;
  }

}
