package dev.quiver.engine.view;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Reads one Arrow cell as an engine value (the convention of {@link ReadView}). Every value is copied out of
 * the Arrow buffers, so it stays valid after the batch is released.
 */
public final class ArrowValues {
  private ArrowValues() {}

  /** The value at {@code index}, or null. */
  public static Object get(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    if (vector instanceof VarCharVector text) {
      return new String(text.get(index), StandardCharsets.UTF_8);
    } else if (vector instanceof LargeVarCharVector text) {
      return new String(text.get(index), StandardCharsets.UTF_8);
    } else if (vector instanceof BitVector bits) {
      return bits.get(index) != 0;
    } else if (vector instanceof IntVector ints) {
      return ints.get(index);
    } else if (vector instanceof BigIntVector longs) {
      return longs.get(index);
    } else if (vector instanceof UInt4Vector unsigned) {
      return Integer.toUnsignedLong(unsigned.get(index));
    } else if (vector instanceof UInt8Vector unsigned) {
      long bits = unsigned.get(index);
      return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64));
    } else if (vector instanceof Float4Vector floats) {
      return floats.get(index);
    } else if (vector instanceof Float8Vector doubles) {
      return doubles.get(index);
    } else if (vector instanceof DateDayVector days) {
      return LocalDate.ofEpochDay(days.get(index));
    } else if (vector instanceof TimeStampMilliVector millis) {
      return Instant.ofEpochMilli(millis.get(index));
    } else if (vector instanceof LargeVarBinaryVector binary) {
      return binary.get(index);
    } else if (vector instanceof VarBinaryVector binary) {
      return binary.get(index);
    } else if (vector instanceof FixedSizeListVector fixed) {
      return fixedSizeList(fixed, index);
    } else if (vector instanceof ListVector list) {
      return list(list, index);
    }
    throw new GraphException(
        ErrorCode.INTERNAL,
        "column '" + vector.getName() + "' has Arrow type " + vector.getField().getType() + " which Quiver does not read");
  }

  private static List<Object> list(ListVector list, int index) {
    FieldVector elements = list.getDataVector();
    int start = list.getElementStartIndex(index);
    int end = list.getElementEndIndex(index);
    List<Object> out = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      out.add(get(elements, i));
    }
    return Collections.unmodifiableList(out); // may hold null elements, so not List.copyOf
  }

  private static Object fixedSizeList(FixedSizeListVector fixed, int index) {
    FieldVector elements = fixed.getDataVector();
    int size = fixed.getListSize();
    int start = index * size;
    if (elements instanceof Float4Vector floats) {
      float[] out = new float[size];
      for (int i = 0; i < size; i++) {
        out[i] = floats.isNull(start + i) ? Float.NaN : floats.get(start + i);
      }
      return out;
    }
    List<Object> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(get(elements, start + i));
    }
    return Collections.unmodifiableList(out);
  }
}
