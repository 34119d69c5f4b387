package dev.quiver.engine.storage;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
      junction(flatten(or), " OR ", "false", out);
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

  /**
   * An OR as few operands as possible: nested ORs are flattened and the equalities (and IN lists) on one column
   * become one IN list, in the order the columns first appear. DataFusion parses {@code a OR b OR …} into a tree
   * as deep as the list is long and recursed past the native stack at about a thousand operands (a transaction
   * of 1,000 deletes has such an OR, invariant 8); an IN list is flat. Equivalent under three-valued logic:
   * the literals are never NULL, so {@code c = v1 OR c = v2} and {@code c IN (v1, v2)} are both NULL exactly
   * when {@code c} is NULL.
   */
  static List<Filter> flatten(Filter.Or or) {
    List<Filter> operands = new ArrayList<>();
    collect(or, operands);
    Map<String, List<Object>> inLists = new LinkedHashMap<>();
    List<Filter> out = new ArrayList<>();
    for (Filter operand : operands) {
      if (operand instanceof Filter.Compare compare && compare.op() == Filter.Op.EQ) {
        group(inLists, out, compare.column()).add(compare.value());
      } else if (operand instanceof Filter.In in) {
        group(inLists, out, in.column()).addAll(in.values());
      } else {
        out.add(operand);
      }
    }
    List<Filter> result = new ArrayList<>();
    for (Filter operand : out) {
      if (operand instanceof Filter.In placeholder && placeholder.values().isEmpty()) {
        List<Object> values = inLists.get(placeholder.column());
        if (values.size() == 1) {
          result.add(Filter.eq(placeholder.column(), values.get(0)));
        } else if (!values.isEmpty()) {
          result.add(new Filter.In(placeholder.column(), values));
        }
      } else {
        result.add(operand);
      }
    }
    return result;
  }

  private static void collect(Filter filter, List<Filter> into) {
    if (filter instanceof Filter.Or or) {
      for (Filter operand : or.operands()) {
        collect(operand, into);
      }
    } else {
      into.add(filter);
    }
  }

  /** The values of a column's IN list; the first time, an empty IN placeholder marks its place in {@code out}. */
  private static List<Object> group(Map<String, List<Object>> inLists, List<Filter> out, String column) {
    return inLists.computeIfAbsent(column, c -> {
      out.add(new Filter.In(c, List.of()));
      return new ArrayList<>();
    });
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
