package dev.quiver.engine.view;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.storage.Filter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Evaluates a {@link Filter} over an in-memory row with SQL three-valued logic, the same semantics Lance
 * applies to committed rows: a comparison with NULL is unknown, and a row is kept only when the filter is
 * TRUE. Pending rows of a transaction and cached columns ({@link ColumnCache}) are filtered here, committed rows
 * read from storage by Lance.
 */
public final class RowFilters {
  private RowFilters() {}

  /** TRUE, FALSE, or null for unknown. */
  public static Boolean evaluate(Filter filter, Function<String, Object> column) {
    if (filter instanceof Filter.Compare compare) {
      Object left = column.apply(compare.column());
      if (left == null) {
        return null;
      }
      return holds(compare.op(), compare(left, compare.value()));
    }
    if (filter instanceof Filter.In in) {
      Object left = column.apply(in.column());
      if (left == null) {
        return null;
      }
      for (Object candidate : in.values()) {
        if (candidate != null && compare(left, candidate) == 0) {
          return true;
        }
      }
      return false;
    }
    if (filter instanceof Filter.IsNull isNull) {
      return column.apply(isNull.column()) == null;
    }
    if (filter instanceof Filter.And and) {
      boolean unknown = false;
      for (Filter operand : and.operands()) {
        Boolean value = evaluate(operand, column);
        if (value == null) {
          unknown = true;
        } else if (!value) {
          return false;
        }
      }
      return unknown ? null : Boolean.TRUE;
    }
    if (filter instanceof Filter.Or or) {
      boolean unknown = false;
      for (Filter operand : or.operands()) {
        Boolean value = evaluate(operand, column);
        if (value == null) {
          unknown = true;
        } else if (value) {
          return true;
        }
      }
      return unknown ? null : Boolean.FALSE;
    }
    if (filter instanceof Filter.Not not) {
      Boolean value = evaluate(not.operand(), column);
      return value == null ? null : !value;
    }
    if (filter instanceof Filter.IsNotTrue isNotTrue) {
      return !Boolean.TRUE.equals(evaluate(isNotTrue.operand(), column));
    }
    throw new IllegalStateException("unknown filter " + filter);
  }

  /** Whether {@code op} holds between two values that {@link #compare} ordered as {@code order}. */
  static boolean holds(Filter.Op op, int order) {
    return switch (op) {
      case EQ -> order == 0;
      case NE -> order != 0;
      case LT -> order < 0;
      case LE -> order <= 0;
      case GT -> order > 0;
      case GE -> order >= 0;
    };
  }

  /** True when the filter is TRUE for the row (null filter: every row). */
  public static boolean matches(Filter filter, Function<String, Object> column) {
    return filter == null || Boolean.TRUE.equals(evaluate(filter, column));
  }

  /** Orders two non-null values of compatible types. */
  public static int compare(Object left, Object right) {
    if ((left instanceof Long || left instanceof Integer) && (right instanceof Long || right instanceof Integer)) {
      return Long.compare(((Number) left).longValue(), ((Number) right).longValue()); // exact, no BigDecimal
    }
    if (left instanceof Number a && right instanceof Number b) {
      if (isFloat(a) || isFloat(b)) {
        double x = a.doubleValue();
        double y = b.doubleValue();
        // Arrow's total order, as Lance compares floats: -0.0 < 0.0, NaN above everything and equal to
        // itself. BigDecimal has neither (and throws on NaN and the infinities).
        if (!Double.isFinite(x) || !Double.isFinite(y) || x == 0.0 || y == 0.0) {
          return Double.compare(x, y);
        }
      }
      return decimal(a).compareTo(decimal(b));
    }
    if (left instanceof String a && right instanceof String b) {
      return compareCodePoints(a, b);
    }
    if (left instanceof Boolean a && right instanceof Boolean b) {
      return Boolean.compare(a, b);
    }
    if (left instanceof LocalDate a && right instanceof LocalDate b) {
      return a.compareTo(b);
    }
    if (left instanceof Instant a && right instanceof Instant b) {
      return a.compareTo(b);
    }
    throw new GraphException(
        ErrorCode.INVALID_VALUE,
        "cannot compare " + left.getClass().getSimpleName() + " with " + right.getClass().getSimpleName());
  }

  private static boolean isFloat(Number number) {
    return number instanceof Double || number instanceof Float;
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    if (number instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (number instanceof Double || number instanceof Float) {
      return new BigDecimal(number.doubleValue());
    }
    return BigDecimal.valueOf(number.longValue());
  }

  /** Orders strings by code point, which is the byte order of their UTF-8 encoding (as Lance compares). */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
