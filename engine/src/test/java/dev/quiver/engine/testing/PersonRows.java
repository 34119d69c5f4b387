package dev.quiver.engine.testing;

import dev.quiver.engine.storage.TableScan;
import dev.quiver.engine.storage.TableStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Builds and reads rows of a small node table {@code id, name, age} for storage-level tests. */
public final class PersonRows {
  public static final Schema SCHEMA =
      new Schema(
          List.of(
              Field.notNullable("id", new ArrowType.Utf8()),
              Field.nullable("name", new ArrowType.Utf8()),
              Field.nullable("age", new ArrowType.Int(32, true))));

  private PersonRows() {}

  /** A batch of rows id → age (null age allowed); name is "name-" + id. Caller closes it. */
  public static VectorSchemaRoot of(BufferAllocator allocator, Map<String, Integer> idToAge) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    VarCharVector id = (VarCharVector) root.getVector("id");
    VarCharVector name = (VarCharVector) root.getVector("name");
    IntVector age = (IntVector) root.getVector("age");
    root.allocateNew();
    int row = 0;
    for (Map.Entry<String, Integer> entry : idToAge.entrySet()) {
      id.setSafe(row, entry.getKey().getBytes(StandardCharsets.UTF_8));
      name.setSafe(row, ("name-" + entry.getKey()).getBytes(StandardCharsets.UTF_8));
      if (entry.getValue() == null) {
        age.setNull(row);
      } else {
        age.setSafe(row, entry.getValue());
      }
      row++;
    }
    root.setRowCount(row);
    return root;
  }

  /** id → age of every row of a table at a version. */
  public static Map<String, Integer> read(TableStore store, String tableKey, long version) {
    Map<String, Integer> out = new TreeMap<>();
    try (TableScan scan = store.openScan(tableKey, version, List.of("id", "age"), null)) {
      while (scan.next()) {
        VectorSchemaRoot batch = scan.batch();
        VarCharVector id = (VarCharVector) batch.getVector("id");
        IntVector age = (IntVector) batch.getVector("age");
        for (int i = 0; i < batch.getRowCount(); i++) {
          out.put(new String(id.get(i), StandardCharsets.UTF_8), age.isNull(i) ? null : age.get(i));
        }
      }
    }
    return out;
  }

  /**
   * Creates a graph at the storage level (no catalog): one empty table of {@link #SCHEMA} per key, pinned by
   * manifest version 1. For tests of the storage and commit layers.
   */
  public static void createGraph(
      dev.quiver.engine.storage.TableStore tables, dev.quiver.engine.storage.ManifestStore manifest, String... tableKeys) {
    Map<String, Long> pins = new java.util.LinkedHashMap<>();
    for (String tableKey : tableKeys) {
      pins.put(tableKey, tables.commitStaged(tables.stageCreate(tableKey, SCHEMA), 0));
    }
    manifest.create(pins, "", "test", "schema");
  }

  /** A map literal that keeps insertion order and allows null values. */
  public static Map<String, Integer> rows(Object... idAgePairs) {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < idAgePairs.length; i += 2) {
      out.put((String) idAgePairs[i], (Integer) idAgePairs[i + 1]);
    }
    return out;
  }
}
