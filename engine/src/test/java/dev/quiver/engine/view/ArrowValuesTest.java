package dev.quiver.engine.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.engine.catalog.CatalogBuilder;
import dev.quiver.engine.testing.GraphRows;
import dev.quiver.engine.testing.TestGraphs;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Every property type's Arrow layout reads back as its engine value. */
class ArrowValuesTest {
  private static final Schema ALL_TYPES =
      CatalogBuilder.build(TestGraphs.resource("alltypes.pg")).node("Thing").orElseThrow().arrowSchema();

  @Test
  void everyTypeReadsAsItsEngineValue() {
    List<Object> values =
        Arrays.asList(
            "id", "a", true, -7, 1L << 40, 4_000_000_000L, new BigInteger("18446744073709551615"), 1.5f, 2.25,
            LocalDate.of(1990, 5, 17), Instant.parse("2024-02-29T12:34:56.789Z"), new byte[] {1, 2},
            List.of("x"), Arrays.asList(1, null), new float[] {0.5f, 1f, 2f}, "sad");
    List<Object> nulls = Arrays.asList(new Object[values.size()]);
    nulls.set(0, "id2");
    nulls.set(1, "b");
    try (RootAllocator allocator = new RootAllocator();
        VectorSchemaRoot batch = GraphRows.toArrow(ALL_TYPES, List.of(values, nulls), allocator)) {
      for (int c = 0; c < values.size(); c++) {
        Object read = ArrowValues.get(batch.getVector(c), 0);
        if (values.get(c) instanceof byte[] bytes) {
          assertArrayEquals(bytes, (byte[]) read);
        } else if (values.get(c) instanceof float[] floats) {
          assertArrayEquals(floats, (float[]) read);
        } else {
          assertEquals(values.get(c), read, batch.getVector(c).getName());
        }
        if (c > 1) {
          assertNull(ArrowValues.get(batch.getVector(c), 1), batch.getVector(c).getName());
        }
      }
    }
  }
}
