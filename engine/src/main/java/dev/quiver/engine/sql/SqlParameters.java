package dev.quiver.engine.sql;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Binds {@code ?} parameter values (engine convention) to the types the validator inferred for them, in
 * Calcite's internal representation. A value that does not fit its type is an error naming the parameter,
 * never a silent conversion.
 */
final class SqlParameters {
  private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private SqlParameters() {}

  static Object[] bind(List<?> values, List<RelDataType> types) {
    if (values.size() != types.size()) {
      throw new GraphException(
          ErrorCode.INVALID_VALUE,
          "the statement has " + types.size() + " parameter(s) but " + values.size() + " value(s) were bound");
    }
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bind(i + 1, values.get(i), types.get(i));
    }
    return out;
  }

  private static Object bind(int position, Object value, RelDataType type) {
    if (value == null) {
      return null;
    }
    switch (type.getSqlTypeName()) {
      case CHAR:
      case VARCHAR:
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
          return value.toString();
        }
        break;
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        break;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return wholeNumber(position, value, type, INT_MIN, INT_MAX).intValue();
      case BIGINT:
        return wholeNumber(position, value, type, LONG_MIN, LONG_MAX).longValue();
      case DECIMAL:
        BigDecimal decimal = decimal(value);
        if (decimal != null) {
          return decimal;
        }
        break;
      case REAL:
      case FLOAT:
        if (value instanceof Number number) {
          return number.floatValue();
        }
        break;
      case DOUBLE:
        if (value instanceof Number number) {
          return number.doubleValue();
        }
        break;
      case DATE:
        if (value instanceof LocalDate date) {
          return Math.toIntExact(date.toEpochDay());
        }
        if (value instanceof String text) {
          try {
            return Math.toIntExact(LocalDate.parse(text).toEpochDay());
          } catch (DateTimeParseException e) {
            throw new GraphException(
                ErrorCode.INVALID_DATE, "parameter " + position + " '" + text + "' is not a date (yyyy-mm-dd)", e);
          }
        }
        break;
      case TIMESTAMP:
        if (value instanceof Instant instant) {
          return instant.toEpochMilli();
        }
        if (value instanceof LocalDateTime local) {
          return local.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        break;
      case BINARY:
      case VARBINARY:
        if (value instanceof byte[] bytes) {
          return new ByteString(bytes);
        }
        break;
      case ARRAY:
        if (value instanceof List<?> || value instanceof float[]) {
          return SqlTypes.toInternal(value);
        }
        break;
      default:
        break;
    }
    throw new GraphException(
        ErrorCode.INVALID_VALUE,
        "parameter " + position + " of type " + type.getFullTypeString() + " cannot take a "
            + value.getClass().getSimpleName() + " value");
  }

  private static BigDecimal wholeNumber(int position, Object value, RelDataType type, BigDecimal min, BigDecimal max) {
    BigDecimal number = decimal(value);
    if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw new GraphException(
          ErrorCode.INVALID_VALUE,
          "parameter " + position + " of type " + type.getSqlTypeName() + " cannot take the value '" + value + "'");
    }
    if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
      throw new GraphException(
          ErrorCode.VALUE_OUT_OF_RANGE,
          "parameter " + position + " value '" + value + "' is out of range for " + type.getSqlTypeName());
    }
    return number;
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    } else if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return null;
  }
}
