package dev.quiver.engine.sql;

import dev.quiver.engine.storage.Filter;
import java.util.List;

/** Renders a {@link Filter} for EXPLAIN output (for people to read; storage renders its own form). */
final class FilterText {
  private FilterText() {}

  static String render(Filter filter) {
    StringBuilder out = new StringBuilder();
    render(filter, out);
    return out.toString();
  }

  private static void render(Filter filter, StringBuilder out) {
    if (filter instanceof Filter.Compare compare) {
      out.append(compare.column()).append(' ').append(compare.op().symbol()).append(' ');
      value(compare.value(), out);
    } else if (filter instanceof Filter.In in) {
      out.append(in.column()).append(" IN (");
      for (int i = 0; i < in.values().size(); i++) {
        out.append(i > 0 ? ", " : "");
        value(in.values().get(i), out);
      }
      out.append(')');
    } else if (filter instanceof Filter.IsNull isNull) {
      out.append(isNull.column()).append(" IS NULL");
    } else if (filter instanceof Filter.And and) {
      junction(and.operands(), " AND ", out);
    } else if (filter instanceof Filter.Or or) {
      junction(or.operands(), " OR ", out);
    } else if (filter instanceof Filter.Not not) {
      out.append("NOT (");
      render(not.operand(), out);
      out.append(')');
    } else if (filter instanceof Filter.IsNotTrue isNotTrue) {
      out.append('(');
      render(isNotTrue.operand(), out);
      out.append(") IS NOT TRUE");
    }
  }

  private static void junction(List<Filter> operands, String separator, StringBuilder out) {
    for (int i = 0; i < operands.size(); i++) {
      out.append(i > 0 ? separator : "").append('(');
      render(operands.get(i), out);
      out.append(')');
    }
  }

  private static void value(Object value, StringBuilder out) {
    if (value instanceof String text) {
      out.append('\'').append(text.replace("'", "''")).append('\'');
    } else if (value instanceof java.time.LocalDate date) {
      out.append("DATE '").append(date).append('\'');
    } else if (value instanceof java.time.Instant instant) {
      out.append("TIMESTAMP '").append(instant).append('\'');
    } else {
      out.append(value);
    }
  }
}
