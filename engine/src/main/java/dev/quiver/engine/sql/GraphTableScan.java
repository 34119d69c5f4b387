package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * A scan of a node or edge table in generated code. Calcite runs a {@link GraphTable} (a
 * {@code ProjectableFilterableTable}) as {@code EnumerableInterpreter(BindableTableScan)}, and that converter
 * builds a whole {@code Interpreter} — a reflective walk of the plan — every time a statement executes: about
 * half of a point lookup. After planning, {@link #replaceInterpreters} swaps each such pair for this scan,
 * which calls {@link GraphTable#scan} from the compiled plan, under an {@link EnumerableCalc} that applies what
 * storage cannot evaluate and projects. A filter storage takes only with some parameter values (not a NULL, not
 * a number out of the column's range) is left to storage in one compiled variant and applied by the calc in a
 * second, fallback variant; {@link SqlEngine} picks the variant per execution ({@link Spec#pushesAll}), as the
 * interpreter decided per execution which filters it still had to apply. Public only because generated code
 * calls {@link #rows}.
 */
public final class GraphTableScan extends TableScan implements EnumerableRel {

  /**
   * What one scan reads.
   *
   * @param table the table
   * @param columns the table's column indexes the scan returns, in order
   * @param filters conditions over the table's columns (input refs index the table's row), pushed when they
   *     translate
   * @param pushable the filters storage evaluates whatever the parameters (a bound value may still keep one
   *     out, e.g. NULL)
   */
  public record Spec(GraphTable table, int[] columns, List<RexNode> filters, List<RexNode> pushable) {
    public Spec {
      requireNonNull(table, "table is null");
      columns = columns.clone();
      filters = List.copyOf(filters);
      pushable = List.copyOf(pushable);
    }

    /** A scan of {@code columns} with {@code filters}; which of them storage can take is decided once, here. */
    Spec(GraphTable table, int[] columns, List<RexNode> filters) {
      this(table, columns, filters,
          new FilterTranslator(table.columns(), FilterTranslator.placeholders()).translate(filters).consumed());
    }

    /** The filters only Calcite evaluates. */
    List<RexNode> residual() {
      List<RexNode> residual = new ArrayList<>(filters);
      residual.removeAll(pushable);
      return residual;
    }

    /** Whether every pushable filter reaches storage with the parameters bound in {@code root}. */
    boolean pushesAll(DataContext root) {
      return pushable.isEmpty()
          || new FilterTranslator(table.columns(), FilterTranslator.runtime(root)).translate(pushable).consumed().size()
              == pushable.size();
    }
  }

  private final Spec spec;

  private GraphTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Spec spec) {
    super(cluster, traits, List.of(), table);
    this.spec = spec;
  }

  Spec spec() {
    return spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new GraphTableScan(getCluster(), traitSet, getTable(), spec);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> fields = getTable().getRowType().getFieldList();
    var typeBuilder = getCluster().getTypeFactory().builder();
    for (int column : spec.columns()) {
      typeBuilder.add(fields.get(column));
    }
    return typeBuilder.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = new ArrayList<>();
    for (int column : spec.columns()) {
      names.add(spec.table().columns().get(column).name());
    }
    return super.explainTerms(pw).item("columns", names).itemIf("filters", spec.filters(), !spec.filters().isEmpty());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Expression stashed = implementor.stash(spec, Spec.class);
    builder.add(Expressions.return_(null, Expressions.call(GraphTableScan.class, "rows", stashed, DataContext.ROOT)));
    // The format Calcite's interpreter gave: a one-column row is a bare value (set operations combine their
    // inputs' rows as they come, so every input must agree).
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }

  /** The rows of one scan (called by generated code); the filters that translate reach storage. */
  public static Enumerable<?> rows(Spec spec, DataContext root) {
    Enumerable<Object[]> rows = spec.table().scan(root, new ArrayList<>(spec.filters()), spec.columns());
    return spec.columns().length == 1 ? rows.select(row -> row[0]) : rows;
  }

  /**
   * A plan that is one scan with no filter left for Calcite ({@link #scanOf} puts a calc over a scan only when
   * there is one): when every filter reaches storage at run time, the scan's rows are the result, and the
   * statement runs without Calcite at all.
   *
   * @param spec the scan
   */
  record Direct(Spec spec) {
    /** The plan's direct form, if it has one. */
    static java.util.Optional<Direct> of(RelNode physical) {
      return physical instanceof GraphTableScan scan && scan.spec.residual().isEmpty()
          ? java.util.Optional.of(new Direct(scan.spec))
          : java.util.Optional.empty();
    }

    /**
     * The result rows straight from the view (engine values), or null when a filter cannot be pushed with
     * these parameter values and the compiled plan must filter.
     */
    dev.quiver.engine.view.RowCursor open(dev.quiver.engine.view.ReadView view, DataContext root) {
      GraphTable table = spec.table();
      FilterTranslator.Pushdown pushdown =
          new FilterTranslator(table.columns(), FilterTranslator.runtime(root)).translate(spec.filters());
      if (pushdown.consumed().size() != spec.filters().size()) {
        return null;
      }
      List<String> names = new ArrayList<>(spec.columns().length);
      for (int column : spec.columns()) {
        names.add(table.columns().get(column).name());
      }
      return view.scan(table.type().tableKey(), names, pushdown.filter());
    }
  }

  /**
   * Replaces every {@code EnumerableInterpreter(BindableTableScan)} over a {@link GraphTable} in a physical plan
   * by a {@link GraphTableScan}, under a calc when the scan filters, and every {@code EnumerableTableScan} of
   * one (all columns, no filter) by a {@link GraphTableScan}; other nodes are copied with their new inputs.
   */
  static RelNode replaceInterpreters(RelNode node, boolean reapplyPushable) {
    if (node instanceof EnumerableInterpreter interpreter
        && interpreter.getInput() instanceof Bindables.BindableTableScan scan
        && scan.getTable().unwrap(GraphTable.class) != null) {
      return scanOf(scan, reapplyPushable);
    }
    if (node instanceof org.apache.calcite.adapter.enumerable.EnumerableTableScan scan
        && scan.getTable().unwrap(GraphTable.class) != null) {
      // Every column, no filter: Calcite scans the table itself rather than through the interpreter.
      GraphTable table = scan.getTable().unwrap(GraphTable.class);
      return new GraphTableScan(
          scan.getCluster(), scan.getTraitSet(), scan.getTable(), new Spec(table, range(table.columns().size()), List.of()));
    }
    List<RelNode> inputs = node.getInputs();
    List<RelNode> replaced = new ArrayList<>(inputs.size());
    boolean changed = false;
    for (RelNode input : inputs) {
      RelNode next = replaceInterpreters(input, reapplyPushable);
      changed |= next != input;
      replaced.add(next);
    }
    return changed ? node.copy(node.getTraitSet(), replaced) : node;
  }

  /**
   * The scan of a {@code BindableTableScan}, under a calc that applies the filters Calcite must evaluate — only
   * those storage cannot ({@code reapplyPushable} false: the plan for parameters with which every pushable
   * filter reaches storage), or every filter ({@code reapplyPushable} true: the fallback for parameters that
   * keep one out). Re-applying what storage already applied is not neutral: Calcite orders strings by UTF-16
   * units and floats without -0.0 and NaN, Lance by UTF-8 bytes and a total order.
   */
  private static RelNode scanOf(Bindables.BindableTableScan scan, boolean reapplyPushable) {
    GraphTable table = scan.getTable().unwrap(GraphTable.class);
    RelOptCluster cluster = scan.getCluster();
    RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE);
    int width = table.columns().size();
    int[] projects = scan.projects == null ? range(width) : scan.projects.toIntArray();
    Spec probe = new Spec(table, projects, scan.filters);
    List<RexNode> applied = reapplyPushable ? scan.filters : probe.residual();
    if (applied.isEmpty()) {
      return new GraphTableScan(cluster, traits, scan.getTable(), probe);
    }
    // The scan returns the projected columns, then any other column a filter Calcite applies reads.
    TreeSet<Integer> filterColumns = new TreeSet<>();
    for (RexNode filter : applied) {
      filterColumns.addAll(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(filter).asList());
    }
    int[] columns = Arrays.copyOf(projects, projects.length + filterColumns.size());
    int count = projects.length;
    for (int column : filterColumns) {
      if (Arrays.stream(projects).noneMatch(p -> p == column)) {
        columns[count++] = column;
      }
    }
    columns = Arrays.copyOf(columns, count);
    int[] position = new int[width];
    Arrays.fill(position, -1);
    for (int i = 0; i < columns.length; i++) {
      if (position[columns[i]] < 0) {
        position[columns[i]] = i;
      }
    }
    GraphTableScan graphScan =
        new GraphTableScan(cluster, traits, scan.getTable(), new Spec(table, columns, scan.filters, probe.pushable()));
    RelDataType scanRow = graphScan.getRowType();
    RexBuilder rex = cluster.getRexBuilder();
    RexShuttle remap =
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(position[ref.getIndex()], ref.getType());
          }
        };
    RexProgramBuilder program = new RexProgramBuilder(scanRow, rex);
    List<RelDataTypeField> outputs = scan.getRowType().getFieldList();
    for (int i = 0; i < projects.length; i++) {
      program.addProject(new RexInputRef(i, scanRow.getFieldList().get(i).getType()), outputs.get(i).getName());
    }
    List<RexNode> conditions = new ArrayList<>();
    for (RexNode filter : applied) {
      conditions.add(filter.accept(remap));
    }
    program.addCondition(RexUtil.composeConjunction(rex, conditions));
    return EnumerableCalc.create(graphScan, program.getProgram());
  }

  /** The graph table scans of a physical plan whose filters storage may not take with some parameters. */
  static List<Spec> scansWithPushableFilters(RelNode physical) {
    List<Spec> out = new ArrayList<>();
    new org.apache.calcite.rel.RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof GraphTableScan scan && !scan.spec.pushable.isEmpty()) {
          out.add(scan.spec);
        }
        super.visit(node, ordinal, parent);
      }
    }.go(physical);
    return out;
  }

  private static int[] range(int width) {
    int[] all = new int[width];
    for (int i = 0; i < width; i++) {
      all[i] = i;
    }
    return all;
  }
}
