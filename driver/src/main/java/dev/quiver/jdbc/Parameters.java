package dev.quiver.jdbc;

import dev.quiver.jdbc.errors.SqlStates;
import dev.quiver.jdbc.rows.ValueConversions;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * Turns JDBC parameter values into the engine's value convention. Only the representation changes here;
 * whether a value fits the property it lands in is the engine's decision ({@code 22023}/{@code 22003}/{@code 22007}).
 *
 * <p>Time: a {@code DateTime} is stored as an instant and shown by SQL as a {@code TIMESTAMP} whose wall clock is
 * UTC. So a {@link java.sql.Timestamp} is read by its wall clock as a UTC date-time (JDBC reads it in the JVM's
 * zone, which on a UTC JVM is the same instant); with a {@link Calendar}, its instant is read in the calendar's
 * zone, so a UTC calendar stores exactly {@code timestamp.toInstant()}. A {@link java.sql.Date} is the local date
 * of its wall clock (in the calendar's zone when one is given). {@link Instant}, {@link OffsetDateTime} and
 * {@link ZonedDateTime} are exact; a {@link LocalDateTime} is a UTC date-time.
 */
final class Parameters {
  private Parameters() {}

  /** A value bound with one of the untyped setters, in the engine's convention. */
  static Object toEngine(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Date) {
      return ((java.sql.Date) value).toLocalDate();
    }
    if (value instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) value).toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Time) {
      return ((java.sql.Time) value).toLocalTime();
    }
    if (value instanceof java.util.Date) {
      return ((java.util.Date) value).toInstant();
    }
    if (value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Array) {
      return toEngine(((Array) value).getArray());
    }
    if (value instanceof Object[]) {
      List<Object> elements = new ArrayList<>();
      for (Object element : (Object[]) value) {
        elements.add(toEngine(element));
      }
      return elements;
    }
    if (value instanceof byte[]) {
      return ((byte[]) value).clone();
    }
    return value;
  }

  /** {@code setDate(index, date, calendar)}: the date's local day in the calendar's zone. */
  static Object date(java.sql.Date date, Calendar calendar) {
    if (date == null || calendar == null) {
      return date == null ? null : date.toLocalDate();
    }
    return java.time.Instant.ofEpochMilli(date.getTime()).atZone(zone(calendar)).toLocalDate();
  }

  /** {@code setTimestamp(index, timestamp, calendar)}: the wall clock the instant shows in the calendar's zone. */
  static Object timestamp(java.sql.Timestamp timestamp, Calendar calendar) {
    if (timestamp == null || calendar == null) {
      return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    return LocalDateTime.ofInstant(timestamp.toInstant(), zone(calendar)).toInstant(ZoneOffset.UTC);
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar.getTimeZone().toZoneId();
  }

  /** {@code setObject(index, value, targetSqlType)}: the value converted to the target type first. */
  static Object toTarget(Object value, int sqlType, int index) throws SQLException {
    if (value == null) {
      return null;
    }
    try {
      switch (sqlType) {
        case Types.CHAR:
        case Types.VARCHAR:
        case Types.LONGVARCHAR:
        case Types.NCHAR:
        case Types.NVARCHAR:
        case Types.LONGNVARCHAR:
          return ValueConversions.toText(value);
        case Types.BOOLEAN:
        case Types.BIT:
          return ValueConversions.toBoolean(value);
        case Types.TINYINT:
          return (byte) ValueConversions.toLong(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
        case Types.SMALLINT:
          return (short) ValueConversions.toLong(value, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
        case Types.INTEGER:
          return (int) ValueConversions.toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
        case Types.BIGINT:
          return ValueConversions.toLong(value, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
        case Types.REAL:
          return (float) ValueConversions.toDouble(value);
        case Types.FLOAT:
        case Types.DOUBLE:
          return ValueConversions.toDouble(value);
        case Types.DECIMAL:
        case Types.NUMERIC:
          return ValueConversions.toBigDecimal(value, "DECIMAL");
        case Types.DATE:
          return value instanceof String ? LocalDate.parse((String) value) : toEngineDate(value, index);
        case Types.TIMESTAMP:
        case Types.TIMESTAMP_WITH_TIMEZONE:
          return value instanceof LocalDate ? ((LocalDate) value).atStartOfDay().toInstant(ZoneOffset.UTC) : toEngine(value);
        case Types.BINARY:
        case Types.VARBINARY:
        case Types.LONGVARBINARY:
          return ValueConversions.toBytes(value).clone();
        case Types.NULL:
          return null;
        default:
          return toEngine(value);
      }
    } catch (DateTimeParseException e) {
      throw SqlStates.create("parameter " + index + ": invalid date '" + value + "'", "22007", e);
    } catch (SQLException e) {
      if ("22003".equals(e.getSQLState())) {
        throw SqlStates.create("parameter " + index + ": " + e.getMessage(), "22003", e);
      }
      throw SqlStates.create(
          "parameter " + index + " cannot be converted to JDBC type " + typeName(sqlType) + ": " + e.getMessage(),
          SqlStates.INVALID_PARAMETER,
          e);
    }
  }

  private static Object toEngineDate(Object value, int index) throws SQLException {
    Object converted = toEngine(value);
    if (converted instanceof LocalDate) {
      return converted;
    }
    if (converted instanceof LocalDateTime) {
      return ((LocalDateTime) converted).toLocalDate();
    }
    if (converted instanceof Instant) {
      return LocalDateTime.ofInstant((Instant) converted, ZoneOffset.UTC).toLocalDate();
    }
    if (converted instanceof OffsetDateTime) {
      return ((OffsetDateTime) converted).toLocalDate();
    }
    throw SqlStates.create(
        "parameter " + index + " of type " + value.getClass().getSimpleName() + " cannot be converted to DATE",
        SqlStates.INVALID_PARAMETER,
        null);
  }

  private static String typeName(int sqlType) {
    try {
      return java.sql.JDBCType.valueOf(sqlType).getName();
    } catch (IllegalArgumentException e) {
      return String.valueOf(sqlType);
    }
  }
}
