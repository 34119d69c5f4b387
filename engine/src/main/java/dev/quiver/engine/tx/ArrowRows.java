package dev.quiver.engine.tx;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Writes the engine's Java values into Arrow vectors (reading is {@code view.ArrowValues}) (String, Boolean, Integer, Long, BigInteger,
 * Float, Double, LocalDate, Instant, byte[], List, float[]) for the column types of {@code ArrowSchemas}.
 */
public final class ArrowRows {
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private ArrowRows() {}

  /** A batch holding {@code rows} (maps from column name to value) in {@code schema}. Caller closes it. */
  public static VectorSchemaRoot toArrow(Schema schema, List<Map<String, Object>> rows, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      root.allocateNew();
      for (FieldVector vector : root.getFieldVectors()) {
        String name = vector.getName();
        for (int i = 0; i < rows.size(); i++) {
          set(vector, i, rows.get(i).get(name));
        }
        vector.setValueCount(rows.size());
      }
      root.setRowCount(rows.size());
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** Writes one value (null writes NULL). */
  public static void set(FieldVector vector, int index, Object value) {
    if (value == null) {
      if (vector instanceof ListVector list) {
        list.setNull(index);
      } else if (vector instanceof FixedSizeListVector fixed) {
        fixed.setNull(index);
      } else {
        vector.setNull(index);
      }
      return;
    }
    if (vector instanceof VarCharVector v) {
      v.setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
    } else if (vector instanceof BitVector v) {
      v.setSafe(index, (Boolean) value ? 1 : 0);
    } else if (vector instanceof IntVector v) {
      v.setSafe(index, (Integer) value);
    } else if (vector instanceof BigIntVector v) {
      v.setSafe(index, ((Number) value).longValue());
    } else if (vector instanceof UInt4Vector v) {
      v.setSafe(index, (int) ((Number) value).longValue());
    } else if (vector instanceof UInt8Vector v) {
      v.setSafe(index, ((BigInteger) value).longValue()); // two's complement of the unsigned value
    } else if (vector instanceof Float4Vector v) {
      v.setSafe(index, (Float) value);
    } else if (vector instanceof Float8Vector v) {
      v.setSafe(index, (Double) value);
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(index, Math.toIntExact(((LocalDate) value).toEpochDay()));
    } else if (vector instanceof TimeStampMilliVector v) {
      v.setSafe(index, ((Instant) value).toEpochMilli());
    } else if (vector instanceof LargeVarBinaryVector v) {
      v.setSafe(index, (byte[]) value);
    } else if (vector instanceof ListVector v) {
      List<?> elements = (List<?>) value;
      int start = v.startNewValue(index);
      FieldVector data = (FieldVector) v.getDataVector();
      for (int j = 0; j < elements.size(); j++) {
        set(data, start + j, elements.get(j));
      }
      data.setValueCount(start + elements.size());
      v.endValue(index, elements.size());
    } else if (vector instanceof FixedSizeListVector v) {
      float[] elements = (float[]) value;
      v.setNotNull(index);
      Float4Vector data = (Float4Vector) v.getDataVector();
      int start = index * v.getListSize();
      for (int j = 0; j < elements.length; j++) {
        data.setSafe(start + j, elements[j]);
      }
      data.setValueCount(start + elements.length);
    } else {
      throw new GraphException(ErrorCode.INTERNAL, "no writer for Arrow vector " + vector.getField());
    }
  }
}
