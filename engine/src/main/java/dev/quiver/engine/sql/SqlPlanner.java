package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Column;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.grammar.ast.MatchQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;

/**
 * Parses, validates, plans and compiles one SQL text against one catalog, as Calcite's own prepare does but
 * without its JDBC layer: parser → validator → SqlToRelConverter → Volcano with the standard program →
 * {@link EnumerableInterpretable#toBindable}. Not thread-safe; one instance per statement.
 */
final class SqlPlanner {
  static final String DEFAULT_SCHEMA = "GRAPH";
  static final String SYSTEM_SCHEMA = "QUIVER";

  /** Unquoted and quoted identifiers keep their spelling and match case-insensitively (SPEC §6). */
  static final SqlParser.Config PARSER =
      SqlParser.config()
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(false)
          .withConformance(SqlConformanceEnum.DEFAULT);

  private static final CalciteConnectionConfig CONNECTION =
      CalciteConnectionConfig.DEFAULT
          .set(CalciteConnectionProperty.CASE_SENSITIVE, "false")
          .set(CalciteConnectionProperty.QUOTING, Quoting.DOUBLE_QUOTE.name())
          .set(CalciteConnectionProperty.UNQUOTED_CASING, Casing.UNCHANGED.name())
          .set(CalciteConnectionProperty.QUOTED_CASING, Casing.UNCHANGED.name());

  /** Statements that write or change a schema, recognised by their first word (the core parser knows no DDL). */
  private static final Set<String> WRITE_WORDS =
      Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE", "REPLACE",
          "GRANT", "REVOKE", "COMMENT", "RENAME");

  /**
   * A compiled statement: reusable by any number of executions, each with its own view and parameters.
   *
   * @param explainOnly true for {@code EXPLAIN PLAN FOR …}: executing it returns {@link #plan()}
   * @param compiled the compiled plan for parameters with which every pushable filter reaches storage (null when
   *     explainOnly)
   * @param fallback the compiled plan that also applies those filters itself, for parameters that keep one from
   *     storage; null when the plan has no such filter (or explainOnly)
   * @param scans the scans whose pushable filters decide between the two
   * @param columns the result columns
   * @param columnTypes the SQL type of each result column
   * @param parameterTypes the type inferred for each {@code ?}, in order
   * @param plan the physical plan and what each scan pushes to storage
   * @param direct the single scan the plan is, when it is one (run without Calcite when its filters push)
   */
  record Plan(
      boolean explainOnly,
      Compiled compiled,
      Compiled fallback,
      List<GraphTableScan.Spec> scans,
      List<Column> columns,
      List<RelDataType> columnTypes,
      List<RelDataType> parameterTypes,
      String plan,
      SchemaPlus rootSchema,
      JavaTypeFactory typeFactory,
      java.util.Optional<GraphTableScan.Direct> direct) {
    Plan {
      scans = List.copyOf(scans);
      columns = List.copyOf(columns);
      columnTypes = List.copyOf(columnTypes);
      parameterTypes = List.copyOf(parameterTypes);
      requireNonNull(plan, "plan is null");
      requireNonNull(rootSchema, "rootSchema is null");
      requireNonNull(typeFactory, "typeFactory is null");
    }
  }

  /**
   * One compiled variant of a plan.
   *
   * @param bindable the generated code
   * @param stashed objects the generated code looks up in the DataContext
   */
  record Compiled(Bindable<?> bindable, Map<String, Object> stashed) {
    Compiled {
      requireNonNull(bindable, "bindable is null");
      stashed = Map.copyOf(stashed);
    }

    static Compiled of(RelNode physical) {
      Map<String, Object> stashed = new LinkedHashMap<>();
      Bindable<?> bindable =
          EnumerableInterpretable.toBindable(stashed, null, (EnumerableRel) physical, EnumerableRel.Prefer.ARRAY);
      return new Compiled(bindable, stashed);
    }
  }

  private final CalciteSchema rootSchema;
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(QuiverTypeSystem.INSTANCE);

  SqlPlanner(CalciteSchema rootSchema) {
    this.rootSchema = requireNonNull(rootSchema, "rootSchema is null");
  }

  /** The schemas of one catalog: {@code GRAPH} (one table per type) and {@code QUIVER}. */
  static CalciteSchema schemaOf(Catalog catalog) {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (TableType type : catalog.tables()) {
      tables.put(type.name(), new GraphTable(type));
    }
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    root.add(
        DEFAULT_SCHEMA,
        new AbstractSchema() {
          @Override
          protected Map<String, Table> getTableMap() {
            return tables;
          }
        });
    root.add(SYSTEM_SCHEMA, new SystemTables());
    return root;
  }

  Plan plan(String sql) {
    String text = stripTrailingSemicolons(sql);
    refuseWrites(text);
    SqlNode parsed;
    try {
      parsed = SqlParser.create(text, PARSER).parseStmt();
    } catch (SqlParseException e) {
      throw SqlErrors.parse(e);
    }
    boolean explainOnly = parsed.getKind() == SqlKind.EXPLAIN;
    SqlNode query = explainOnly ? ((SqlExplain) parsed).getExplicandum() : parsed;
    if (!query.isA(SqlKind.QUERY)) {
      if (query.isA(SqlKind.DML) || query.isA(SqlKind.DDL)) {
        throw SqlErrors.readOnly(query.getKind().sql);
      }
      throw new dev.quiver.engine.GraphException(
          dev.quiver.engine.ErrorCode.UNSUPPORTED, "SQL statement " + query.getKind().sql + " is not supported");
    }
    try {
      return planQuery(query, explainOnly);
    } catch (CalciteContextException e) {
      throw SqlErrors.validation(e);
    } catch (RuntimeException e) {
      throw SqlErrors.planning(e);
    }
  }

  private Plan planQuery(SqlNode query, boolean explainOnly) {
    CalciteCatalogReader catalogReader = catalogReader();
    SqlValidator validator =
        SqlValidatorUtil.newValidator(
            SqlStdOperatorTable.instance(),
            catalogReader,
            typeFactory,
            SqlValidator.Config.DEFAULT.withIdentifierExpansion(true).withConformance(SqlConformanceEnum.DEFAULT));
    SqlNode validated = validator.validate(query);
    List<RelDataType> parameterTypes = new ArrayList<>();
    for (RelDataTypeField field : validator.getParameterRowType(validated).getFieldList()) {
      parameterTypes.add(field.getType());
    }

    RelOptCluster cluster = newCluster();
    SqlToRelConverter converter =
        new SqlToRelConverter(
            (rowType, queryString, schemaPath, viewPath) -> {
              throw new UnsupportedOperationException("Quiver has no views");
            },
            validator,
            catalogReader,
            cluster,
            StandardConvertletTable.INSTANCE,
            SqlToRelConverter.config()
                .withTrimUnusedFields(true)
                .withExpand(false)
                // IN lists stay predicates (and so can be pushed) instead of becoming joins with VALUES.
                .withInSubQueryThreshold(Integer.MAX_VALUE));
    RelRoot root = converter.convertQuery(validated, false, true);
    root = root.withRel(converter.flattenTypes(root.rel, true));
    RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
    root = root.withRel(RelDecorrelator.decorrelateQuery(root.rel, relBuilder));
    return compile(root.project(), root.validatedRowType, parameterTypes, explainOnly);
  }

  /**
   * Compiles a {@code .gq} read ({@link GqCompiler}, {@link GqReturns}) into a plan with {@code parameterCount}
   * parameters, then one more for {@code now()}.
   */
  Plan planGraph(MatchQuery query, int parameterCount, Catalog catalog) {
    RelOptCluster cluster = newCluster();
    RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader());
    GqExpressions expressions = new GqExpressions(cluster.getRexBuilder(), parameterCount);
    GqScope scope = new GqScope(null);
    RelNode match = new GqCompiler(catalog, builder, expressions).match(query, scope);
    GqReturns.Output output = new GqReturns(builder, expressions).compile(query, scope, match);
    try {
      RelNode trimmed = new RelFieldTrimmer(null, builder).trim(output.rel());
      return compile(trimmed, output.rowType(), expressions.parameterTypes(), false);
    } catch (CalciteContextException e) {
      throw SqlErrors.validation(e);
    } catch (RuntimeException e) {
      throw SqlErrors.planning(e);
    }
  }

  /** A reader of this planner's schemas, {@code GRAPH} first on the path. */
  CalciteCatalogReader catalogReader() {
    return new CalciteCatalogReader(rootSchema, List.of(DEFAULT_SCHEMA), typeFactory, CONNECTION);
  }

  /** A cluster over a fresh Volcano planner with the default rules and Quiver's own operators. */
  RelOptCluster newCluster() {
    VolcanoPlanner planner = new VolcanoPlanner();
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    planner.addRelTraitDef(RelCollationTraitDef.INSTANCE); // merge joins and sorts need it
    RelOptUtil.registerDefaultRules(planner, false, false);
    planner.addRule(BfsExpand.ENUMERABLE_RULE);
    return RelOptCluster.create(planner, new RexBuilder(typeFactory));
  }

  JavaTypeFactory typeFactory() {
    return typeFactory;
  }

  /**
   * Optimizes a logical plan (built by the SQL converter or by {@link GqCompiler}) into an enumerable one and
   * compiles it. {@code rowType} names the result columns.
   */
  Plan compile(RelNode logical, RelDataType rowType, List<RelDataType> parameterTypes, boolean explainOnly) {
    RelOptPlanner planner = logical.getCluster().getPlanner();
    RelNode physical =
        Programs.standard()
            .run(planner, logical, logical.getTraitSet().replace(EnumerableConvention.INSTANCE), List.of(), List.of());
    RelNode leaving = GraphTableScan.replaceInterpreters(physical, false);
    List<GraphTableScan.Spec> scans = GraphTableScan.scansWithPushableFilters(leaving);
    List<Column> columns = new ArrayList<>();
    List<RelDataType> columnTypes = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      columns.add(column(field));
      columnTypes.add(field.getType());
    }
    java.util.Optional<GraphTableScan.Direct> direct = GraphTableScan.Direct.of(leaving);
    String plan = explain(leaving)
        + (direct.isPresent() ? "Runs as the storage scan alone when every filter is pushed (no Calcite operator).\n" : "");
    Compiled compiled = null;
    Compiled fallback = null;
    if (!explainOnly) {
      compiled = Compiled.of(leaving);
      if (!scans.isEmpty()) {
        fallback = Compiled.of(GraphTableScan.replaceInterpreters(physical, true));
      }
    }
    return new Plan(
        explainOnly, compiled, fallback, scans, columns, columnTypes, parameterTypes, plan, rootSchema.plus(),
        typeFactory, direct);
  }

  private static Column column(RelDataTypeField field) {
    RelDataType type = field.getType();
    SqlTypeName name = type.getSqlTypeName();
    int precision = name.allowsPrec() && type.getPrecision() >= 0 ? type.getPrecision() : 0;
    int scale = name.allowsScale() && type.getScale() >= 0 ? type.getScale() : 0;
    return new Column(field.getName(), SqlTypes.typeName(type), precision, scale, type.isNullable());
  }

  /** Calcite's plan text, then one line per table scan saying what reaches storage and what Calcite still does. */
  static String explain(RelNode physical) {
    StringBuilder out = new StringBuilder(
        RelOptUtil.dumpPlan("", physical, SqlExplainFormat.TEXT, SqlExplainLevel.EXPPLAN_ATTRIBUTES));
    List<String> scans = new ArrayList<>();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof GraphTableScan scan) {
          scans.add(describe(scan.spec()));
        }
        super.visit(node, ordinal, parent);
      }
    }.go(physical);
    if (!scans.isEmpty()) {
      out.append("Storage scans:\n");
      for (String scan : scans) {
        out.append("  ").append(scan).append('\n');
      }
    }
    return out.toString();
  }

  private static String describe(GraphTableScan.Spec scan) {
    GraphTable table = scan.table();
    FilterTranslator.Pushdown pushdown =
        new FilterTranslator(table.columns(), FilterTranslator.placeholders()).translate(scan.filters());
    List<String> columns = new ArrayList<>();
    for (int column : scan.columns()) {
      columns.add(table.columns().get(column).name());
    }
    List<RexNode> remaining = new ArrayList<>(scan.filters());
    remaining.removeAll(pushdown.consumed());
    StringBuilder out = new StringBuilder(DEFAULT_SCHEMA).append('.').append(table.type().name());
    out.append(" columns=").append(columns);
    out.append(" filter=").append(pushdown.filter() == null ? "none" : FilterText.render(pushdown.filter()));
    if (!remaining.isEmpty()) {
      out.append(" calcite-filter=").append(remaining);
    }
    return out.toString();
  }

  private static String stripTrailingSemicolons(String sql) {
    int end = sql.length();
    while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
      end--;
    }
    return sql.substring(0, end);
  }

  /** Refuses writes before parsing: the core parser would call a CREATE a syntax error. */
  private static void refuseWrites(String sql) {
    String word = firstWord(sql).toUpperCase(Locale.ROOT);
    if (WRITE_WORDS.contains(word)) {
      throw SqlErrors.readOnly(word);
    }
  }

  static String firstWord(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i);
  }
}
