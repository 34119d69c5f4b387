package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Column;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import dev.quiver.grammar.ast.MatchQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Runs SQL reads against a {@link ReadView}. One instance per {@link GraphStore} (or per JVM) is enough: it is
 * thread-safe and caches, per catalog, the SQL schema and the compiled plan of each statement text, so running
 * a text again skips parsing, validation, planning and code generation. A plan never holds a view: each
 * execution binds its own view, store and parameters.
 */
public final class SqlEngine {
  /** The hint every refused write carries. */
  public static final String READ_ONLY_HINT = SqlErrors.READ_ONLY_HINT;

  private static final int PLAN_CACHE_SIZE = 256;
  private static final int SCHEMA_CACHE_SIZE = 8;
  private static final String WARM_UP_SQL =
      "SELECT x, COUNT(*) AS c FROM (VALUES (1), (2), (2)) AS t(x) WHERE x > ? GROUP BY x ORDER BY x";

  private record PlanKey(String sql, String schemaText) {}

  /** Keeps .gq plans apart from SQL plans of the same text in the plan cache. */
  private static final String GRAPH_PREFIX = "\u0000gq:";

  // Both caches are guarded by their own monitor; planning runs outside it (two threads may plan one text).
  private final Map<PlanKey, SqlPlanner.Plan> plans = lru(PLAN_CACHE_SIZE);
  private final Map<String, CalciteSchema> schemas = lru(SCHEMA_CACHE_SIZE);

  public SqlEngine() {}

  /**
   * Runs a query (or {@code EXPLAIN PLAN FOR} a query, which returns one {@code PLAN} column holding the plan
   * text). Close the result to release its scans.
   *
   * @param params the values of the {@code ?} placeholders, in order (engine value convention)
   * @param view what the statement reads: a snapshot, possibly overlaid with a transaction's writes
   * @param store the graph (for {@code QUIVER} tables)
   * @throws GraphException SYNTAX_ERROR (with line and column), UNKNOWN_TYPE, UNKNOWN_PROPERTY, RULE_VIOLATION,
   *     UNSUPPORTED (any write: SQL is read-only), INVALID_VALUE, INTERNAL
   */
  public QueryResult query(String sql, List<?> params, ReadView view, GraphStore store) {
    requireNonNull(sql, "sql is null");
    requireNonNull(params, "params is null");
    requireNonNull(view, "view is null");
    requireNonNull(store, "store is null");
    SqlPlanner.Plan plan = plan(sql, view.snapshot().catalog());
    if (plan.explainOnly()) {
      return new QueryResult(
          List.of(new Column("PLAN", "VARCHAR", 0, 0, false)), RowCursor.of(List.<Object[]>of(new Object[] {plan.plan()})));
    }
    Object[] bound = SqlParameters.bind(params, plan.parameterTypes());
    return run(plan, view, store, bound);
  }

  /**
   * Runs a {@code .gq} read, compiled to a relational plan over the same tables SQL reads (cached per text
   * and schema, like SQL plans).
   *
   * @param text the statement text the read was parsed from (the plan cache key)
   * @param parameterCount how many parameters the text has; {@code params} must hold as many values
   * @param now the value of {@code now()}, fixed once per statement text
   */
  public QueryResult queryGraph(
      String text, MatchQuery read, int parameterCount, List<?> params, Instant now, ReadView view, GraphStore store) {
    requireNonNull(params, "params is null");
    requireNonNull(now, "now is null");
    requireNonNull(store, "store is null");
    SqlPlanner.Plan plan = graphPlan(text, read, parameterCount, view);
    if (params.size() != parameterCount) {
      throw new GraphException(
          ErrorCode.INVALID_VALUE,
          "the statement has " + parameterCount + " parameter(s) but " + params.size() + " value(s) were bound");
    }
    List<Object> values = new ArrayList<>(params);
    values.add(now);
    Object[] bound = SqlParameters.bind(values, plan.parameterTypes());
    return run(plan, view, store, bound);
  }

  private static QueryResult run(SqlPlanner.Plan plan, ReadView view, GraphStore store, Object[] bound) {
    SqlPlanner.Compiled compiled = plan.compiled();
    QueryContext context =
        new QueryContext(plan.rootSchema(), plan.typeFactory(), view, store, compiled.stashed(), bound);
    if (plan.direct().isPresent()) {
      RowCursor rows = plan.direct().get().open(view, context);
      if (rows != null) {
        return new QueryResult(plan.columns(), new DirectCursor(rows, plan.columnTypes()));
      }
    }
    // A filter a bound value keeps from storage (a NULL) is applied by the fallback variant instead.
    QueryContext bindings = context;
    if (plan.fallback() != null && !plan.scans().stream().allMatch(scan -> scan.pushesAll(bindings))) {
      compiled = plan.fallback();
      context = new QueryContext(plan.rootSchema(), plan.typeFactory(), view, store, compiled.stashed(), bound);
    }
    return new QueryResult(plan.columns(), new ResultCursor(plan.columnTypes(), compiled, context));
  }

  /** The plan of a {@code .gq} read as a one-column ({@code PLAN}) result, like {@code EXPLAIN PLAN FOR}. */
  public QueryResult explainGraph(String text, MatchQuery read, int parameterCount, ReadView view) {
    SqlPlanner.Plan plan = graphPlan(text, read, parameterCount, view);
    return new QueryResult(
        List.of(new Column("PLAN", "VARCHAR", 0, 0, false)), RowCursor.of(List.<Object[]>of(new Object[] {plan.plan()})));
  }

  private SqlPlanner.Plan graphPlan(String text, MatchQuery read, int parameterCount, ReadView view) {
    requireNonNull(text, "text is null");
    requireNonNull(read, "read is null");
    requireNonNull(view, "view is null");
    Catalog catalog = view.snapshot().catalog();
    PlanKey key = new PlanKey(GRAPH_PREFIX + text, catalog.source());
    SqlPlanner.Plan cached;
    synchronized (plans) {
      cached = plans.get(key);
    }
    if (cached != null) {
      return cached;
    }
    SqlPlanner.Plan plan = new SqlPlanner(schema(catalog)).planGraph(read, parameterCount, catalog);
    synchronized (plans) {
      plans.putIfAbsent(key, plan);
    }
    return plan;
  }

  /** The plan of a query as text: Calcite's physical plan, then what each scan pushes into storage. */
  public String explain(String sql, ReadView view, GraphStore store) {
    requireNonNull(sql, "sql is null");
    requireNonNull(view, "view is null");
    requireNonNull(store, "store is null");
    return plan(sql, view.snapshot().catalog()).plan();
  }

  /**
   * Plans, compiles and runs a small query on no graph, so the first real statement does not pay for loading
   * Calcite's classes and code generator (seconds on a small machine). Safe to call from a background thread.
   */
  public void warmUp() {
    SqlPlanner.Plan plan = plan(WARM_UP_SQL, Catalog.EMPTY);
    QueryContext context =
        new QueryContext(plan.rootSchema(), plan.typeFactory(), null, null, plan.compiled().stashed(), new Object[] {0});
    try (ResultCursor rows = new ResultCursor(plan.columnTypes(), plan.compiled(), context)) {
      while (rows.next()) {
        rows.row();
      }
    }
  }

  SqlPlanner.Plan plan(String sql, Catalog catalog) {
    PlanKey key = new PlanKey(sql, catalog.source());
    SqlPlanner.Plan cached;
    synchronized (plans) {
      cached = plans.get(key);
    }
    if (cached != null) {
      return cached;
    }
    SqlPlanner.Plan plan = new SqlPlanner(schema(catalog)).plan(sql);
    synchronized (plans) {
      plans.putIfAbsent(key, plan);
    }
    return plan;
  }

  private CalciteSchema schema(Catalog catalog) {
    synchronized (schemas) {
      return schemas.computeIfAbsent(catalog.source(), source -> SqlPlanner.schemaOf(catalog));
    }
  }

  private static <K, V> Map<K, V> lru(int size) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > size;
      }
    };
  }

  /** Rows of a bound plan, converted from Calcite's representation to the engine convention. */
  private static final class ResultCursor implements RowCursor {
    private final List<RelDataType> types;
    private final Enumerator<?> enumerator;
    private Object[] row;
    private boolean closed;

    ResultCursor(List<RelDataType> types, SqlPlanner.Compiled compiled, DataContext context) {
      this.types = types;
      try {
        Enumerable<?> rows = compiled.bindable().bind(context);
        this.enumerator = rows.enumerator();
      } catch (RuntimeException e) {
        throw SqlErrors.runtime(e);
      }
    }

    @Override
    public boolean next() {
      if (closed) {
        return false;
      }
      try {
        if (!enumerator.moveNext()) {
          close();
          return false;
        }
        Object current = enumerator.current();
        // A one-column plan yields bare values, not one-element arrays.
        Object[] values = types.size() == 1 && !(current instanceof Object[]) ? new Object[] {current} : (Object[]) current;
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = SqlTypes.toEngine(values[i], types.get(i));
        }
        row = out;
        return true;
      } catch (RuntimeException e) {
        GraphException translated = SqlErrors.runtime(e);
        try {
          close();
        } catch (RuntimeException closing) {
          translated.addSuppressed(closing);
        }
        throw translated;
      }
    }

    @Override
    public Object[] row() {
      if (row == null) {
        throw new GraphException(ErrorCode.INTERNAL, "no current row");
      }
      return row;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        row = null;
        enumerator.close();
      }
    }
  }

  /**
   * Rows of a scan that is the whole plan, in the engine convention already; the few types whose Calcite
   * round trip changes the Java class (U64 → BigDecimal, vectors → lists, blobs) are converted as the compiled
   * plan would, so both paths return the same values.
   */
  private static final class DirectCursor implements RowCursor {
    private final RowCursor rows;
    private final List<RelDataType> types;
    private final boolean[] convert;

    DirectCursor(RowCursor rows, List<RelDataType> types) {
      this.rows = rows;
      this.types = types;
      this.convert = new boolean[types.size()];
      for (int i = 0; i < convert.length; i++) {
        convert[i] =
            switch (types.get(i).getSqlTypeName()) {
              case CHAR, VARCHAR, BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, DATE -> false;
              default -> true;
            };
      }
    }

    @Override
    public boolean next() {
      try {
        return rows.next();
      } catch (RuntimeException e) {
        throw SqlErrors.runtime(e);
      }
    }

    @Override
    public Object[] row() {
      Object[] row = rows.row();
      Object[] out = row;
      for (int i = 0; i < convert.length; i++) {
        if (convert[i] && row[i] != null) {
          if (out == row) {
            out = row.clone(); // the view may hand out a cached row
          }
          out[i] = SqlTypes.toEngine(SqlTypes.toInternal(row[i]), types.get(i));
        }
      }
      return out;
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
