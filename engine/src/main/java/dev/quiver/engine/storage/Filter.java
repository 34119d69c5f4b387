package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A structured row predicate pushed into a Lance scan. Never a string: {@link LanceFilters} renders it with
 * quoted identifiers and escaped literals, so no value can change the filter's meaning. Literal values use the
 * engine's Java value convention (String, Boolean, Integer, Long, Float, Double, LocalDate, Instant).
 */
public sealed interface Filter {

  /** The ids of {@code id = 'v'} or {@code id IN ('v', …)} (a point lookup); null for any other filter. */
  static List<String> pointIds(Filter filter) {
    if (filter instanceof Compare compare
        && compare.column().equals("id")
        && compare.op() == Op.EQ
        && compare.value() instanceof String id) {
      return List.of(id);
    }
    if (filter instanceof In in && in.column().equals("id")) {
      List<String> ids = new java.util.ArrayList<>(in.values().size());
      for (Object value : in.values()) {
        if (!(value instanceof String id)) {
          return null;
        }
        ids.add(id);
      }
      return ids;
    }
    return null;
  }

  /** The columns a filter reads, in the order they first appear. */
  static java.util.Set<String> columnsOf(Filter filter) {
    java.util.Set<String> columns = new java.util.LinkedHashSet<>();
    collect(filter, columns);
    return columns;
  }

  private static void collect(Filter filter, java.util.Set<String> into) {
    if (filter instanceof Compare compare) {
      into.add(compare.column());
    } else if (filter instanceof In in) {
      into.add(in.column());
    } else if (filter instanceof IsNull isNull) {
      into.add(isNull.column());
    } else if (filter instanceof And and) {
      and.operands().forEach(operand -> collect(operand, into));
    } else if (filter instanceof Or or) {
      or.operands().forEach(operand -> collect(operand, into));
    } else if (filter instanceof Not not) {
      collect(not.operand(), into);
    } else if (filter instanceof IsNotTrue isNotTrue) {
      collect(isNotTrue.operand(), into);
    }
  }

  /** Comparison operators. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** {@code column op value}; NULL on either side never matches (SQL three-valued logic). */
  record Compare(String column, Op op, Object value) implements Filter {
    public Compare {
      requireNonNull(column, "column is null");
      requireNonNull(op, "op is null");
      requireNonNull(value, "value is null");
    }
  }

  /** {@code column IN (values…)}. */
  record In(String column, List<?> values) implements Filter {
    public In {
      requireNonNull(column, "column is null");
      values = List.copyOf(requireNonNull(values, "values is null"));
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(String column) implements Filter {
    public IsNull {
      requireNonNull(column, "column is null");
    }
  }

  record And(List<Filter> operands) implements Filter {
    public And {
      operands = List.copyOf(requireNonNull(operands, "operands is null"));
    }
  }

  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = List.copyOf(requireNonNull(operands, "operands is null"));
    }
  }

  record Not(Filter operand) implements Filter {
    public Not {
      requireNonNull(operand, "operand is null");
    }
  }

  /** {@code (operand) IS NOT TRUE}: true when the operand is FALSE or NULL. */
  record IsNotTrue(Filter operand) implements Filter {
    public IsNotTrue {
      requireNonNull(operand, "operand is null");
    }
  }

  static Filter eq(String column, Object value) {
    return new Compare(column, Op.EQ, value);
  }

  static Filter and(Filter... operands) {
    return new And(List.of(operands));
  }

  static Filter or(Filter... operands) {
    return new Or(List.of(operands));
  }
}
