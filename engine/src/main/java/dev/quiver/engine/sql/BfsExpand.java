package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The relational operator of a variable-length traversal {@code $a knows{min,max} $b}: for each input row it
 * emits the row extended by one column, the id of each node a <em>per-source breadth-first search with a
 * visited set</em> reaches from the row's source id (reference semantics, {@code docs/reads.md}):
 *
 * <ul>
 *   <li>the source is marked visited before the first hop; each hop expands the frontier along the edge
 *       steps; a node is emitted the first time it is reached when the hop is within {@code [min,max]}, and is
 *       never re-expanded, so a node first reached below {@code min} is never emitted;
 *   <li>a self-loop {@code u → u} met while expanding {@code u} at a hop within {@code [min,max]} emits
 *       {@code u} (once) but does not put it back into the frontier;
 *   <li>one row per (input row, distinct destination): parallel edges never duplicate rows.
 * </ul>
 *
 * <p>At run time the operator reads the edge tables (just {@code src} and {@code dst}) from the statement's
 * {@link ReadView}, one hop at a time with the frontier pushed into the scan as an {@code IN} filter, and
 * memoizes the result per distinct source id. When the view holds the edge table's adjacency lists in memory
 * ({@link dev.quiver.engine.view.AdjacencyCache}) a hop reads them instead of scanning. Public only because
 * generated code calls {@link #expand}.
 */
public class BfsExpand extends SingleRel {
  /** Frontiers up to this size are pushed into the edge scan as an IN list; larger ones read the whole table. */
  private static final int IN_LIST_LIMIT = 2_000;

  /** Converts the logical operator into its enumerable implementation. */
  static final RelOptRule ENUMERABLE_RULE =
      ConverterRule.Config.INSTANCE
          .withConversion(BfsExpand.class, Convention.NONE, EnumerableConvention.INSTANCE, "BfsExpandEnumerableRule")
          .withRuleFactory(EnumerableRule::new)
          .toRule(EnumerableRule.class);

  /**
   * One direction of one edge table: {@code reversed} walks {@code dst → src}.
   *
   * @param tableKey the edge table, e.g. {@code edge:Knows}
   * @param reversed whether a hop goes from {@code dst} to {@code src}
   */
  public record Step(String tableKey, boolean reversed) {
    public Step {
      requireNonNull(tableKey, "tableKey is null");
    }

    @Override
    public String toString() {
      return tableKey + (reversed ? "(dst->src)" : "(src->dst)");
    }
  }

  /**
   * What the search does: which steps make up one hop and the hop bounds.
   *
   * @param sourceColumn the input column holding the source id
   * @param steps the edge directions one hop follows (two for an undirected traversal)
   * @param minHops first hop whose nodes are emitted (at least 1)
   * @param maxHops last hop (at least {@code minHops})
   */
  public record Spec(int sourceColumn, List<Step> steps, int minHops, int maxHops) {
    public Spec {
      steps = List.copyOf(requireNonNull(steps, "steps is null"));
      if (minHops < 1 || maxHops < minHops) {
        throw new IllegalArgumentException("hop bounds {" + minHops + "," + maxHops + "} are not valid");
      }
    }
  }

  private final Spec spec;

  BfsExpand(RelOptCluster cluster, RelTraitSet traits, RelNode input, Spec spec) {
    super(cluster, traits, input);
    this.spec = requireNonNull(spec, "spec is null");
  }

  /** A logical expansion of {@code input}. */
  static BfsExpand create(RelNode input, Spec spec) {
    RelOptCluster cluster = input.getCluster();
    return new BfsExpand(cluster, cluster.traitSetOf(Convention.NONE), input, spec);
  }

  Spec spec() {
    return spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BfsExpand(getCluster(), traitSet, sole(inputs), spec);
  }

  @Override
  protected RelDataType deriveRowType() {
    RelDataTypeFactory types = getCluster().getTypeFactory();
    RelDataTypeFactory.Builder builder = types.builder();
    builder.addAll(input.getRowType().getFieldList());
    builder.add("reached$" + input.getRowType().getFieldCount(), types.createSqlType(SqlTypeName.VARCHAR));
    return builder.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("source", "$" + spec.sourceColumn())
        .item("steps", spec.steps())
        .item("hops", "{" + spec.minHops() + "," + spec.maxHops() + "}");
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(input) * 10 * spec.maxHops();
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows * spec.steps().size(), 0);
  }

  /** The enumerable implementation: calls {@link #expand} on the input rows. */
  static final class EnumerableBfsExpand extends BfsExpand implements EnumerableRel {
    EnumerableBfsExpand(RelOptCluster cluster, RelTraitSet traits, RelNode input, Spec spec) {
      super(cluster, traits, input, spec);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new EnumerableBfsExpand(getCluster(), traitSet, sole(inputs), spec());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      BlockBuilder builder = new BlockBuilder();
      Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
      Expression rows = builder.append("rows", input.block);
      Expression arrays = input.physType.convertTo(rows, JavaRowFormat.ARRAY);
      Expression spec = implementor.stash(spec(), Spec.class);
      builder.add(
          Expressions.return_(
              null,
              Expressions.call(
                  BfsExpand.class, "expand", spec, DataContext.ROOT, arrays)));
      PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
      return implementor.result(physType, builder.toBlock());
    }
  }

  /** Logical → enumerable. */
  static final class EnumerableRule extends ConverterRule {
    EnumerableRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      BfsExpand logical = (BfsExpand) rel;
      RelNode input = convert(logical.getInput(), logical.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
      return new EnumerableBfsExpand(
          logical.getCluster(), logical.getTraitSet().replace(EnumerableConvention.INSTANCE), input, logical.spec());
    }
  }

  /** Runs the search for each input row (called by generated code). */
  public static org.apache.calcite.linq4j.Enumerable<Object[]> expand(
      Spec spec, DataContext root, org.apache.calcite.linq4j.Enumerable<Object[]> rows) {
    List<Object[]> input = rows.toList();
    Set<String> sources = new LinkedHashSet<>();
    for (Object[] row : input) {
      Object source = row[spec.sourceColumn()];
      if (source != null) {
        sources.add(source.toString());
      }
    }
    Map<String, List<String>> reached = search(spec, QueryContext.view(root), sources);
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : input) {
      Object source = row[spec.sourceColumn()];
      if (source == null) {
        continue;
      }
      for (String destination : reached.get(source.toString())) {
        Object[] extended = java.util.Arrays.copyOf(row, row.length + 1);
        extended[row.length] = destination;
        out.add(extended);
      }
    }
    return Linq4j.asEnumerable(out);
  }

  /**
   * The BFS from every source at once: the hops of all searches share one edge scan each, and each search
   * keeps its own visited set. Returns, per source, the emitted nodes in the order they were reached.
   */
  static Map<String, List<String>> search(Spec spec, ReadView view, Set<String> sources) {
    Map<String, Set<String>> visited = new HashMap<>();
    Map<String, Set<String>> emitted = new HashMap<>();
    Map<String, List<String>> frontiers = new HashMap<>();
    for (String source : sources) {
      visited.put(source, new HashSet<>(Set.of(source)));
      emitted.put(source, new LinkedHashSet<>());
      frontiers.put(source, List.of(source));
    }
    for (int hop = 1; hop <= spec.maxHops() && !frontiers.isEmpty(); hop++) {
      Set<String> expanded = new HashSet<>();
      frontiers.values().forEach(expanded::addAll);
      Map<String, List<String>> adjacency = adjacency(spec, view, expanded);
      boolean emitting = hop >= spec.minHops();
      Map<String, List<String>> next = new HashMap<>();
      for (Map.Entry<String, List<String>> entry : frontiers.entrySet()) {
        String source = entry.getKey();
        Set<String> seen = visited.get(source);
        Set<String> out = emitted.get(source);
        List<String> frontier = new ArrayList<>();
        for (String node : entry.getValue()) {
          for (String neighbour : adjacency.getOrDefault(node, List.of())) {
            if (neighbour.equals(node)) { // a self-loop emits its node but never re-enters the frontier
              if (emitting) {
                out.add(neighbour);
              }
            } else if (seen.add(neighbour)) {
              frontier.add(neighbour);
              if (emitting) {
                out.add(neighbour);
              }
            }
          }
        }
        if (!frontier.isEmpty()) {
          next.put(source, frontier);
        }
      }
      frontiers = next;
    }
    Map<String, List<String>> result = new HashMap<>();
    emitted.forEach((source, nodes) -> result.put(source, List.copyOf(nodes)));
    return result;
  }

  /** The neighbours of {@code nodes} along every step, read from storage. */
  private static Map<String, List<String>> adjacency(Spec spec, ReadView view, Set<String> nodes) {
    Map<String, List<String>> adjacency = new HashMap<>();
    for (Step step : spec.steps()) {
      String from = step.reversed() ? "dst" : "src";
      String to = step.reversed() ? "src" : "dst";
      java.util.Optional<dev.quiver.engine.view.AdjacencyCache.Adjacency> held = view.adjacency(step.tableKey(), from, to);
      if (held.isPresent()) {
        for (String node : nodes) {
          List<String> neighbours = held.get().neighbours(node);
          if (!neighbours.isEmpty()) {
            adjacency.computeIfAbsent(node, key -> new ArrayList<>()).addAll(neighbours);
          }
        }
        continue;
      }
      dev.quiver.engine.storage.Filter filter =
          nodes.size() <= IN_LIST_LIMIT ? new dev.quiver.engine.storage.Filter.In(from, List.copyOf(nodes)) : null;
      try (RowCursor cursor = view.scan(step.tableKey(), List.of(from, to), filter)) {
        while (cursor.next()) {
          Object[] row = cursor.row();
          String a = (String) row[0];
          if (filter == null && !nodes.contains(a)) {
            continue;
          }
          adjacency.computeIfAbsent(a, key -> new ArrayList<>()).add((String) row[1]);
        }
      }
    }
    return adjacency;
  }
}
