package dev.quiver.engine.storage;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a {@link Filter} as a Lance (DataFusion) filter expression: identifiers in backticks, literals escaped. */
final class LanceFilters {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private LanceFilters() {}

  static String render(Filter filter) {
    StringBuilder out = new StringBuilder();
    render(filter, out);
    return out.toString();
  }

  private static void render(Filter filter, StringBuilder out) {
    if (filter instanceof Filter.Compare compare) {
      out.append(identifier(compare.column())).append(' ').append(compare.op().symbol()).append(' ');
      literal(compare.value(), out);
    } else if (filter instanceof Filter.In in) {
      if (in.values().isEmpty()) {
        out.append("false");
        return;
      }
      out.append(identifier(in.column())).append(" IN (");
      for (int i = 0; i < in.values().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        literal(in.values().get(i), out);
      }
      out.append(')');
    } else if (filter instanceof Filter.IsNull isNull) {
      out.append(identifier(isNull.column())).append(" IS NULL");
    } else if (filter instanceof Filter.And and) {
      junction(and.operands(), " AND ", "true", out);
    } else if (filter instanceof Filter.Or or) {
      junction(or.operands(), " OR ", "false", out);
    } else if (filter instanceof Filter.Not not) {
      out.append("NOT (");
      render(not.operand(), out);
      out.append(')');
    } else if (filter instanceof Filter.IsNotTrue isNotTrue) {
      out.append('(');
      render(isNotTrue.operand(), out);
      out.append(") IS NOT TRUE");
    } else {
      throw new IllegalStateException("unknown filter " + filter);
    }
  }

  private static void junction(java.util.List<Filter> operands, String separator, String empty, StringBuilder out) {
    if (operands.isEmpty()) {
      out.append(empty);
      return;
    }
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      out.append('(');
      render(operands.get(i), out);
      out.append(')');
    }
  }

  static String identifier(String name) {
    if (name.indexOf('`') >= 0) {
      throw new GraphException(ErrorCode.INTERNAL, "column name '" + name + "' cannot be quoted for Lance");
    }
    return "`" + name + "`";
  }

  static void literal(Object value, StringBuilder out) {
    if (value instanceof String text) {
      out.append('\'').append(text.replace("'", "''")).append('\'');
    } else if (value instanceof Boolean bool) {
      out.append(bool ? "true" : "false");
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      out.append(big.toString());
    } else if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new GraphException(ErrorCode.INVALID_VALUE, "non-finite value " + d + " cannot be used in a filter");
      }
      out.append(new BigDecimal(Double.toString(d)).toPlainString());
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof LocalDate date) {
      out.append("DATE '").append(date).append('\'');
    } else if (value instanceof Instant instant) {
      out.append("TIMESTAMP '").append(TIMESTAMP.format(instant)).append('\'');
    } else {
      throw new GraphException(
          ErrorCode.INTERNAL, "a " + value.getClass().getSimpleName() + " value cannot be pushed into a Lance filter");
    }
  }
}
