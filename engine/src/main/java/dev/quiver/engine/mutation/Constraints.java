package dev.quiver.engine.mutation;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.Cardinality;
import dev.quiver.engine.catalog.Constraint;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The schema's constraints: per value ({@code @range}, {@code @check}) and across rows ({@code @unique}, {@code @card}). */
public final class Constraints {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private Constraints() {}

  /** {@code @range} and {@code @check} of one property value; NULL passes. */
  public static void checkValue(TableType type, Property property, Object value) {
    if (value == null) {
      return;
    }
    for (Constraint constraint : type.constraints()) {
      if (constraint instanceof Constraint.Range range && range.property().equals(property.name())) {
        BigDecimal number = decimal(value);
        if (number == null) {
          throw new GraphException(
              ErrorCode.CHECK_VIOLATION, "@range violation on " + type.name() + "." + property.name() + ": value is NaN");
        }
        if (range.min() != null && number.compareTo(range.min()) < 0) {
          throw new GraphException(
              ErrorCode.CHECK_VIOLATION,
              "@range violation on " + type.name() + "." + property.name() + ": value " + plain(number) + " < min "
                  + plain(range.min()));
        }
        if (range.max() != null && number.compareTo(range.max()) > 0) {
          throw new GraphException(
              ErrorCode.CHECK_VIOLATION,
              "@range violation on " + type.name() + "." + property.name() + ": value " + plain(number) + " > max "
                  + plain(range.max()));
        }
      }
      if (constraint instanceof Constraint.Check check && check.property().equals(property.name())) {
        Pattern pattern = PATTERNS.computeIfAbsent(check.pattern(), Pattern::compile);
        if (!pattern.matcher((String) value).find()) {
          throw new GraphException(
              ErrorCode.CHECK_VIOLATION,
              "@check violation on " + type.name() + "." + property.name() + ": value '" + value
                  + "' does not match pattern '" + check.pattern() + "'");
        }
      }
    }
  }

  /**
   * {@code @unique}: no two ids hold the same tuple in the transaction's view (pending rows included). Rows
   * with a NULL member are exempt. The key itself is the id, so it needs no check.
   */
  static void checkUnique(ReadView view, TableType type, List<Map<String, Object>> rows) {
    for (Constraint constraint : type.constraints()) {
      if (!(constraint instanceof Constraint.Unique unique)) {
        continue;
      }
      for (Map<String, Object> row : rows) {
        List<Filter> members = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean exempt = false;
        for (String column : unique.properties()) {
          Object value = row.get(column);
          if (value == null) {
            exempt = true;
            break;
          }
          members.add(Filter.eq(column, value));
          values.add(value);
        }
        if (exempt) {
          continue;
        }
        String id = (String) row.get("id");
        try (RowCursor cursor = view.scan(type.tableKey(), List.of("id"), new Filter.And(members))) {
          while (cursor.next()) {
            String other = (String) cursor.row()[0];
            if (!other.equals(id)) {
              throw new GraphException(ErrorCode.UNIQUE_VIOLATION, uniqueViolation(type, unique, values, other, id));
            }
          }
        }
      }
    }
  }

  /** {@code @card(min..max)}: the out-edge count of each touched source node. */
  static void checkCardinality(ReadView view, EdgeType edge, Set<String> sources) {
    Cardinality card = edge.cardinality();
    if (card.min() == 0 && card.unbounded()) {
      return;
    }
    for (String source : sources) {
      long count = 0;
      try (RowCursor cursor = view.scan(edge.tableKey(), List.of("id"), Filter.eq("src", source))) {
        while (cursor.next()) {
          count++;
        }
      }
      checkOutDegree(edge, source, count);
    }
  }

  /** {@code @card(min..max)} of one source node with {@code count} out-edges of {@code edge}. */
  public static void checkOutDegree(EdgeType edge, String source, long count) {
    Cardinality card = edge.cardinality();
    if (!card.unbounded() && count > card.max()) {
      throw new GraphException(
          ErrorCode.CHECK_VIOLATION,
          "@card violation on edge " + edge.name() + ": source '" + source + "' has " + count + " edges (max " + card.max() + ")");
    }
    if (count < card.min()) {
      throw new GraphException(
          ErrorCode.CHECK_VIOLATION,
          "@card violation on edge " + edge.name() + ": source '" + source + "' has " + count + " edges (min " + card.min() + ")");
    }
  }

  /** The message of a {@code @unique} violation: ids {@code first} and {@code second} hold {@code values}. */
  public static String uniqueViolation(
      TableType type, Constraint.Unique unique, List<Object> values, String first, String second) {
    List<String> rendered = new ArrayList<>();
    for (Object value : values) {
      rendered.add(String.valueOf(value));
    }
    String columns =
        unique.properties().size() == 1 ? unique.properties().get(0) : "(" + String.join(", ", unique.properties()) + ")";
    String tuple = rendered.size() == 1 ? rendered.get(0) : "(" + String.join(", ", rendered) + ")";
    return "@unique violation on " + type.name() + "." + columns + ": value '" + tuple + "' held by '" + first
        + "' and '" + second + "'";
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof Double d) {
      return d.isNaN() ? null : BigDecimal.valueOf(d);
    }
    if (value instanceof Float f) {
      return f.isNaN() ? null : new BigDecimal(Float.toString(f));
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    return BigDecimal.valueOf(((Number) value).longValue());
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
