package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.storage.Filter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns the filters Calcite hands a table scan into one structured {@link Filter}. A conjunct is translated
 * only when the storage filter means exactly what the SQL predicate means: a plain column compared with a
 * constant of its own type family (a literal, or a {@code ?} parameter resolved from the statement's
 * parameters), combined with AND, OR, NOT, IS [NOT] NULL, IS [NOT] TRUE and IN lists. Casts, functions,
 * fractional literals against integer columns, unsigned values outside the signed range, REAL columns (float32
 * against a decimal literal) and binary, list and vector columns stay with Calcite.
 */
final class FilterTranslator {
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl(QuiverTypeSystem.INSTANCE);
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final BigDecimal U32_MAX = BigDecimal.valueOf(0xFFFF_FFFFL);

  /** Where the value of a {@code ?} parameter comes from: empty when it cannot be pushed (e.g. NULL). */
  interface Parameters {
    Optional<Object> value(RexDynamicParam parameter);
  }

  /** Stands for a parameter's value when a plan is explained before any value is bound. */
  record ParameterMarker(int index) {
    @Override
    public String toString() {
      return "?" + index;
    }
  }

  /**
   * The outcome of a translation.
   *
   * @param filter the storage filter (null for none)
   * @param consumed the filters it renders exactly, which Calcite need not apply again
   */
  record Pushdown(Filter filter, List<RexNode> consumed) {
    Pushdown {
      consumed = List.copyOf(requireNonNull(consumed, "consumed is null"));
    }
  }

  private final List<TableColumn> columns;
  private final Parameters parameters;

  FilterTranslator(List<TableColumn> columns, Parameters parameters) {
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.parameters = requireNonNull(parameters, "parameters is null");
  }

  /** Parameters bound at run time: Calcite's DataContext holds {@code ?N} in its internal representation. */
  static Parameters runtime(DataContext root) {
    return parameter -> Optional.ofNullable(root.get("?" + parameter.getIndex()));
  }

  /** Parameters as placeholders, for EXPLAIN. */
  static Parameters placeholders() {
    return parameter -> Optional.of(new ParameterMarker(parameter.getIndex()));
  }

  Pushdown translate(List<RexNode> filters) {
    List<Filter> pushed = new ArrayList<>();
    List<RexNode> consumed = new ArrayList<>();
    for (RexNode filter : filters) {
      boolean all = true;
      // A conjunct that translates is pushed even when a sibling does not (pre-filtering is safe);
      // the element is consumed only when every conjunct was.
      for (RexNode conjunct : RelOptUtil.conjunctions(filter)) {
        Optional<Filter> translated = translate(conjunct);
        if (translated.isPresent()) {
          pushed.add(translated.get());
        } else {
          all = false;
        }
      }
      if (all) {
        consumed.add(filter);
      }
    }
    Filter filter = pushed.isEmpty() ? null : pushed.size() == 1 ? pushed.get(0) : new Filter.And(pushed);
    return new Pushdown(filter, consumed);
  }

  Optional<Filter> translate(RexNode node) {
    switch (node.getKind()) {
      case AND:
        return all(((RexCall) node).getOperands()).map(Filter.And::new);
      case OR:
        return all(((RexCall) node).getOperands()).map(FilterTranslator::orOrIn);
      case NOT:
        return translate(((RexCall) node).getOperands().get(0)).map(Filter.Not::new);
      case SEARCH:
        return translate(RexUtil.expandSearch(REX, null, node));
      case IS_NULL:
        return column(((RexCall) node).getOperands().get(0)).map(c -> new Filter.IsNull(c.name()));
      case IS_NOT_NULL:
        return column(((RexCall) node).getOperands().get(0)).map(c -> new Filter.Not(new Filter.IsNull(c.name())));
      case IS_NOT_TRUE:
        return translate(((RexCall) node).getOperands().get(0)).map(Filter.IsNotTrue::new);
      case IS_TRUE:
        return translate(((RexCall) node).getOperands().get(0)).map(f -> new Filter.Not(new Filter.IsNotTrue(f)));
      case INPUT_REF:
        return column(node)
            .filter(c -> c.scalarKind() == ScalarKind.BOOL)
            .map(c -> new Filter.Compare(c.name(), Filter.Op.EQ, Boolean.TRUE));
      case EQUALS:
        return compare((RexCall) node, Filter.Op.EQ, Filter.Op.EQ);
      case NOT_EQUALS:
        return compare((RexCall) node, Filter.Op.NE, Filter.Op.NE);
      case LESS_THAN:
        return compare((RexCall) node, Filter.Op.LT, Filter.Op.GT);
      case LESS_THAN_OR_EQUAL:
        return compare((RexCall) node, Filter.Op.LE, Filter.Op.GE);
      case GREATER_THAN:
        return compare((RexCall) node, Filter.Op.GT, Filter.Op.LT);
      case GREATER_THAN_OR_EQUAL:
        return compare((RexCall) node, Filter.Op.GE, Filter.Op.LE);
      default:
        return Optional.empty();
    }
  }

  private Optional<List<Filter>> all(List<RexNode> operands) {
    List<Filter> out = new ArrayList<>(operands.size());
    for (RexNode operand : operands) {
      Optional<Filter> translated = translate(operand);
      if (translated.isEmpty()) {
        return Optional.empty();
      }
      out.add(translated.get());
    }
    return Optional.of(out);
  }

  /** {@code a = 1 OR a = 2} as {@code a IN (1, 2)}: same three-valued result, one readable filter. */
  private static Filter orOrIn(List<Filter> operands) {
    String column = null;
    List<Object> values = new ArrayList<>();
    for (Filter operand : operands) {
      if (!(operand instanceof Filter.Compare compare)
          || compare.op() != Filter.Op.EQ
          || (column != null && !column.equals(compare.column()))) {
        return new Filter.Or(operands);
      }
      column = compare.column();
      values.add(compare.value());
    }
    return operands.size() > 1 ? new Filter.In(column, values) : new Filter.Or(operands);
  }

  /** {@code column op constant}, or {@code constant op column} with the operator mirrored. */
  private Optional<Filter> compare(RexCall call, Filter.Op op, Filter.Op mirrored) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    Optional<TableColumn> column = column(left);
    if (column.isPresent()) {
      return value(column.get(), right).map(v -> new Filter.Compare(column.get().name(), op, v));
    }
    Optional<TableColumn> reversed = column(right);
    if (reversed.isPresent()) {
      return value(reversed.get(), left).map(v -> new Filter.Compare(reversed.get().name(), mirrored, v));
    }
    return Optional.empty();
  }

  private Optional<TableColumn> column(RexNode node) {
    if (node instanceof RexInputRef ref && ref.getIndex() < columns.size()) {
      return Optional.of(columns.get(ref.getIndex()));
    }
    return Optional.empty();
  }

  /** The engine value a constant has as a filter on {@code column}, when the comparison means the same there. */
  private Optional<Object> value(TableColumn column, RexNode constant) {
    Object raw;
    if (constant instanceof RexLiteral literal) {
      raw = literalValue(literal);
    } else if (constant instanceof RexDynamicParam parameter) {
      raw = parameters.value(parameter).orElse(null);
    } else {
      return Optional.empty();
    }
    if (raw == null) {
      return Optional.empty(); // a comparison with NULL: let Calcite decide (it matches nothing)
    }
    return convert(column, constant.getType(), raw);
  }

  private static Object literalValue(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeFamily family = literal.getType().getSqlTypeName().getFamily();
    if (family == null) {
      return null;
    }
    return switch (family) {
      case CHARACTER -> literal.getValueAs(String.class);
      case NUMERIC -> literal.getValueAs(BigDecimal.class);
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case DATE -> literal.getValueAs(Integer.class);
      case TIMESTAMP -> literal.getValueAs(Long.class);
      default -> null;
    };
  }

  private static Optional<Object> convert(TableColumn column, RelDataType constantType, Object raw) {
    ScalarKind kind = column.scalarKind();
    if (kind == null) {
      return Optional.empty();
    }
    SqlTypeName typeName = constantType.getSqlTypeName();
    boolean marker = raw instanceof ParameterMarker;
    return switch (kind) {
      case STRING -> SqlTypeName.CHAR_TYPES.contains(typeName) && (marker || raw instanceof String)
          ? Optional.of(raw) : Optional.empty();
      case BOOL -> typeName == SqlTypeName.BOOLEAN && (marker || raw instanceof Boolean)
          ? Optional.of(raw) : Optional.empty();
      case I32 -> integral(typeName, raw, INT_MIN, INT_MAX);
      case I64 -> integral(typeName, raw, LONG_MIN, LONG_MAX);
      case U32 -> integral(typeName, raw, BigDecimal.ZERO, U32_MAX);
      case U64 -> integral(typeName, raw, BigDecimal.ZERO, LONG_MAX);
      case F64 -> {
        if (!SqlTypeName.NUMERIC_TYPES.contains(typeName)) {
          yield Optional.empty();
        }
        if (marker) {
          yield Optional.of(raw);
        }
        BigDecimal number = decimal(raw);
        yield number == null ? Optional.empty() : Optional.of(number.doubleValue());
      }
      case DATE -> typeName == SqlTypeName.DATE && (marker || raw instanceof Integer)
          ? Optional.of(marker ? raw : LocalDate.ofEpochDay((Integer) raw)) : Optional.empty();
      case DATETIME -> typeName == SqlTypeName.TIMESTAMP
              && constantType.getPrecision() <= 3
              && (marker || raw instanceof Long)
          ? Optional.of(marker ? raw : Instant.ofEpochMilli((Long) raw)) : Optional.empty();
      case F32, BLOB -> Optional.empty();
    };
  }

  /** An exact whole number within the column's range, as a Long. */
  private static Optional<Object> integral(SqlTypeName typeName, Object raw, BigDecimal min, BigDecimal max) {
    if (!SqlTypeName.EXACT_TYPES.contains(typeName)) {
      return Optional.empty();
    }
    if (raw instanceof ParameterMarker) {
      return Optional.of(raw);
    }
    BigDecimal number = decimal(raw);
    if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
      return Optional.empty();
    }
    return Optional.of(number.longValueExact());
  }

  private static BigDecimal decimal(Object raw) {
    if (raw instanceof BigDecimal decimal) {
      return decimal;
    } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    } else if (raw instanceof BigInteger big) {
      return new BigDecimal(big);
    } else if (raw instanceof Double || raw instanceof Float) {
      double d = ((Number) raw).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
    }
    return null;
  }
}
