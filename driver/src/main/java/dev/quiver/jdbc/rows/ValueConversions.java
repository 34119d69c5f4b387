package dev.quiver.jdbc.rows;

import dev.quiver.jdbc.errors.SqlStates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The conversions behind the typed {@code ResultSet} getters, shared by every result set: a value of one Java
 * type read through the getter of another. A conversion that cannot work is a {@code 22018} data exception
 * naming both sides; a SQL NULL reads as the getter's zero value, as JDBC asks.
 */
public final class ValueConversions {
  private static final String INVALID_CAST = "22018";

  private ValueConversions() {}

  public static String toText(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[]) {
      StringBuilder hex = new StringBuilder();
      for (byte b : (byte[]) value) {
        hex.append(String.format(java.util.Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    }
    return value.toString();
  }

  public static boolean toBoolean(Object value) throws SQLException {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue() != 0;
    }
    if (value instanceof String) {
      String text = ((String) value).trim();
      if (text.equalsIgnoreCase("true") || text.equals("1")) {
        return true;
      }
      if (text.equalsIgnoreCase("false") || text.equals("0")) {
        return false;
      }
    }
    throw cannotConvert(value, "boolean");
  }

  /** A whole number within {@code [min, max]}; anything else is a data exception. */
  public static long toLong(Object value, long min, long max, String targetName) throws SQLException {
    if (value == null) {
      return 0;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      long whole = ((Number) value).longValue(); // the common case, without a BigDecimal per cell
      if (whole < min || whole > max) {
        throw SqlStates.create("value " + value + " is out of range for " + targetName, "22003", null);
      }
      return whole;
    }
    BigDecimal decimal = toBigDecimal(value, targetName);
    BigInteger whole;
    try {
      whole = decimal.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw cannotConvert(value, targetName);
    }
    if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw SqlStates.create("value " + value + " is out of range for " + targetName, "22003", null);
    }
    return whole.longValue();
  }

  public static double toDouble(Object value) throws SQLException {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? 1 : 0;
    }
    if (value instanceof String) {
      try {
        return Double.parseDouble(((String) value).trim());
      } catch (NumberFormatException e) {
        throw cannotConvert(value, "double");
      }
    }
    throw cannotConvert(value, "double");
  }

  public static BigDecimal toBigDecimal(Object value, String targetName) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw cannotConvert(value, targetName);
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (value instanceof String) {
      try {
        return new BigDecimal(((String) value).trim());
      } catch (NumberFormatException e) {
        throw cannotConvert(value, targetName);
      }
    }
    throw cannotConvert(value, targetName);
  }

  public static Date toDate(Object value) throws SQLException {
    if (value == null || value instanceof Date) {
      return (Date) value;
    }
    if (value instanceof LocalDate) {
      return Date.valueOf((LocalDate) value);
    }
    if (value instanceof Timestamp) {
      return Date.valueOf(((Timestamp) value).toLocalDateTime().toLocalDate());
    }
    if (value instanceof LocalDateTime) {
      return Date.valueOf(((LocalDateTime) value).toLocalDate());
    }
    throw cannotConvert(value, "DATE");
  }

  public static Time toTime(Object value) throws SQLException {
    if (value == null || value instanceof Time) {
      return (Time) value;
    }
    if (value instanceof LocalTime) {
      return Time.valueOf((LocalTime) value);
    }
    throw cannotConvert(value, "TIME");
  }

  public static Timestamp toTimestamp(Object value) throws SQLException {
    if (value == null || value instanceof Timestamp) {
      return (Timestamp) value;
    }
    if (value instanceof LocalDateTime) {
      return Timestamp.valueOf((LocalDateTime) value);
    }
    if (value instanceof Instant) {
      return Timestamp.from((Instant) value);
    }
    if (value instanceof Date) {
      return Timestamp.valueOf(((Date) value).toLocalDate().atStartOfDay());
    }
    if (value instanceof LocalDate) {
      return Timestamp.valueOf(((LocalDate) value).atStartOfDay());
    }
    throw cannotConvert(value, "TIMESTAMP");
  }

  public static byte[] toBytes(Object value) throws SQLException {
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    throw cannotConvert(value, "byte[]");
  }

  /**
   * {@code getObject(column, type)}: the JDBC 4.1 conversions, java.time included. A TIMESTAMP's wall clock is a
   * UTC date-time, so {@code Instant} and {@code OffsetDateTime} read it at offset UTC.
   */
  public static <T> T convert(Object value, Class<T> type) throws SQLException {
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    Object converted;
    if (type == String.class) {
      converted = toText(value);
    } else if (type == Boolean.class) {
      converted = toBoolean(value);
    } else if (type == Short.class) {
      converted = (short) toLong(value, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    } else if (type == Integer.class) {
      converted = (int) toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    } else if (type == Long.class) {
      converted = toLong(value, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    } else if (type == Double.class) {
      converted = toDouble(value);
    } else if (type == Float.class) {
      converted = (float) toDouble(value);
    } else if (type == BigDecimal.class) {
      converted = toBigDecimal(value, "DECIMAL");
    } else if (type == LocalDate.class) {
      converted = toDate(value).toLocalDate();
    } else if (type == LocalDateTime.class) {
      converted = toTimestamp(value).toLocalDateTime();
    } else if (type == Instant.class) {
      converted = toTimestamp(value).toLocalDateTime().toInstant(ZoneOffset.UTC);
    } else if (type == OffsetDateTime.class) {
      converted = toTimestamp(value).toLocalDateTime().atOffset(ZoneOffset.UTC);
    } else if (type == Date.class) {
      converted = toDate(value);
    } else if (type == Timestamp.class) {
      converted = toTimestamp(value);
    } else {
      throw cannotConvert(value, type.getName());
    }
    return type.cast(converted);
  }

  private static SQLException cannotConvert(Object value, String target) {
    return SqlStates.create(
        "cannot convert a value of type " + value.getClass().getSimpleName() + " to " + target, INVALID_CAST, null);
  }
}
