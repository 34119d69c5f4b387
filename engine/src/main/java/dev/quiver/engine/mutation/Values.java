package dev.quiver.engine.mutation;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts values from literals and parameters into the engine's Java value convention for a property's type
 * (String, Boolean, Integer, Long, BigInteger, Float, Double, LocalDate, Instant, byte[], List, float[]),
 * failing with {@code 22023} (wrong type), {@code 22003} (out of range) or {@code 22007} (bad date).
 */
public final class Values {
  private static final BigInteger U32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Values() {}

  /**
   * The value of {@code raw} as {@code property}'s type; null stays null (the caller checks nullability).
   *
   * @param where names the value in messages, e.g. {@code property 'age'}
   */
  public static Object coerce(Property property, Object raw, String where) {
    if (raw == null) {
      return null;
    }
    PropertyType type = property.type();
    if (type instanceof PropertyType.Scalar scalar) {
      return scalar(scalar.kind(), raw, where, property);
    }
    if (type instanceof PropertyType.EnumOf enumType) {
      if (!(raw instanceof String text)) {
        throw mismatch(where, property, raw);
      }
      if (!enumType.values().contains(text)) {
        throw new GraphException(
            ErrorCode.CHECK_VIOLATION,
            "invalid enum value '" + text + "' for " + where + " (expected: " + String.join(", ", enumType.values()) + ")");
      }
      return text;
    }
    if (type instanceof PropertyType.ListOf list) {
      List<?> elements = asList(raw, where, property);
      List<Object> out = new ArrayList<>(elements.size());
      for (Object element : elements) {
        out.add(element == null ? null : scalar(list.element(), element, where + " element", property));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    PropertyType.Vector vector = (PropertyType.Vector) type;
    float[] values;
    if (raw instanceof float[] floats) {
      values = floats.clone();
    } else {
      List<?> elements = asList(raw, where, property);
      values = new float[elements.size()];
      for (int i = 0; i < values.length; i++) {
        Object element = elements.get(i);
        if (!(element instanceof Number number)) {
          throw new GraphException(ErrorCode.INVALID_VALUE, "vector " + where + " elements must be numeric");
        }
        values[i] = number.floatValue();
      }
    }
    if (values.length != vector.dimension()) {
      throw new GraphException(
          ErrorCode.INVALID_VALUE,
          "vector " + where + " expects " + vector.dimension() + " dimensions, got " + values.length);
    }
    return values;
  }

  private static List<?> asList(Object raw, String where, Property property) {
    if (raw instanceof List<?> list) {
      return list;
    }
    if (raw instanceof Object[] array) {
      return java.util.Arrays.asList(array);
    }
    throw mismatch(where, property, raw);
  }

  static Object scalar(ScalarKind kind, Object raw, String where, Property property) {
    switch (kind) {
      case STRING:
        if (raw instanceof String) {
          return raw;
        }
        throw mismatch(where, property, raw);
      case BOOL:
        if (raw instanceof Boolean) {
          return raw;
        }
        throw mismatch(where, property, raw);
      case I32:
        return integer(raw, where, property, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE), "I32").intValue();
      case I64:
        return integer(raw, where, property, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), "I64").longValue();
      case U32:
        return integer(raw, where, property, BigInteger.ZERO, U32_MAX, "U32").longValue();
      case U64:
        return integer(raw, where, property, BigInteger.ZERO, U64_MAX, "U64");
      case F32:
        {
          double d = floating(raw, where, property);
          if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
            throw new GraphException(ErrorCode.VALUE_OUT_OF_RANGE, "value " + d + " of " + where + " exceeds F32 range");
          }
          return (float) d;
        }
      case F64:
        return floating(raw, where, property);
      case DATE:
        return date(raw, where, property);
      case DATETIME:
        return dateTime(raw, where, property);
      case BLOB:
        if (raw instanceof byte[] bytes) {
          return bytes.clone();
        }
        if (raw instanceof String text) {
          return text.startsWith("base64:")
              ? java.util.Base64.getDecoder().decode(text.substring("base64:".length()))
              : text.getBytes(StandardCharsets.UTF_8);
        }
        throw mismatch(where, property, raw);
    }
    throw new IllegalStateException("unknown scalar kind " + kind);
  }

  private static BigInteger integer(
      Object raw, String where, Property property, BigInteger min, BigInteger max, String typeName) {
    BigInteger value;
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      value = BigInteger.valueOf(((Number) raw).longValue());
    } else if (raw instanceof BigInteger big) {
      value = big;
    } else if (raw instanceof BigDecimal decimal) {
      try {
        value = decimal.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new GraphException(
            ErrorCode.INVALID_VALUE, "value " + decimal.toPlainString() + " of " + where + " is not an integer");
      }
    } else {
      throw mismatch(where, property, raw);
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new GraphException(
          ErrorCode.VALUE_OUT_OF_RANGE, "integer value " + value + " of " + where + " exceeds " + typeName + " range");
    }
    return value;
  }

  private static double floating(Object raw, String where, Property property) {
    double value;
    if (raw instanceof Number number && !(raw instanceof BigDecimal)) {
      value = number.doubleValue();
    } else if (raw instanceof BigDecimal decimal) {
      value = decimal.doubleValue();
    } else {
      throw mismatch(where, property, raw);
    }
    if (!Double.isFinite(value)) {
      throw new GraphException(ErrorCode.VALUE_OUT_OF_RANGE, "float value of " + where + " must be finite");
    }
    return value;
  }

  private static LocalDate date(Object raw, String where, Property property) {
    if (raw instanceof LocalDate date) {
      return date;
    }
    if (raw instanceof DateText text) {
      try {
        return LocalDate.parse(text.text());
      } catch (DateTimeParseException e) {
        throw new GraphException(ErrorCode.INVALID_DATE, "invalid Date literal '" + text.text() + "' for " + where);
      }
    }
    if (raw instanceof String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new GraphException(ErrorCode.INVALID_DATE, "invalid Date value '" + text + "' for " + where);
      }
    }
    if (raw instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    throw mismatch(where, property, raw);
  }

  private static Instant dateTime(Object raw, String where, Property property) {
    Instant instant;
    if (raw instanceof Instant value) {
      instant = value;
    } else if (raw instanceof LocalDateTime local) {
      instant = local.toInstant(ZoneOffset.UTC);
    } else if (raw instanceof OffsetDateTime offset) {
      instant = offset.toInstant();
    } else if (raw instanceof ZonedDateTime zoned) {
      instant = zoned.toInstant();
    } else if (raw instanceof DateText text) {
      instant = parseDateTime(text.text(), where);
    } else if (raw instanceof String text) {
      instant = parseDateTime(text, where);
    } else {
      throw mismatch(where, property, raw);
    }
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  static Instant parseDateTime(String text, String where) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        try {
          return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException last) {
          throw new GraphException(ErrorCode.INVALID_DATE, "invalid DateTime literal '" + text + "' for " + where);
        }
      }
    }
  }

  private static GraphException mismatch(String where, Property property, Object raw) {
    return new GraphException(
        ErrorCode.INVALID_VALUE,
        where + " has type " + property.renderType() + " but got " + describe(raw));
  }

  static String describe(Object raw) {
    if (raw == null) {
      return "NULL";
    }
    if (raw instanceof String text) {
      return "String '" + text + "'";
    }
    if (raw instanceof DateText text) {
      return "a date literal '" + text.text() + "'";
    }
    if (raw instanceof BigInteger || raw instanceof Long || raw instanceof Integer) {
      return "integer " + raw;
    }
    if (raw instanceof BigDecimal || raw instanceof Double || raw instanceof Float) {
      return "float " + raw;
    }
    if (raw instanceof Boolean) {
      return "Bool " + raw;
    }
    return raw.getClass().getSimpleName();
  }

  /** The text of a {@code date("…")} or {@code datetime("…")} literal, typed when the property's type is known. */
  public record DateText(String text) {}
}
