package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.grammar.ast.Aggregate;
import dev.quiver.grammar.ast.AliasReference;
import dev.quiver.grammar.ast.Expression;
import dev.quiver.grammar.ast.Literal;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Now;
import dev.quiver.grammar.ast.Ordering;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.Projection;
import dev.quiver.grammar.ast.PropertyAccess;
import dev.quiver.grammar.ast.VariableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

/**
 * {@code return}, {@code order} and {@code limit} of a read, on top of the match relation: an aggregate query
 * groups by its non-aggregate projections (implicit grouping); the sort is made total by the bound entities'
 * ids (the group keys, for an aggregate query) ascending, with NULLs first ascending and last descending.
 */
final class GqReturns {
  /** The compiled read and its labelled result row type. */
  record Output(RelNode rel, RelDataType rowType) {
    Output {
      requireNonNull(rel, "rel is null");
      requireNonNull(rowType, "rowType is null");
    }
  }

  private record Key(RexNode node, boolean descending) {}

  private final RelBuilder builder;
  private final GqExpressions expressions;

  GqReturns(RelBuilder builder, GqExpressions expressions) {
    this.builder = requireNonNull(builder, "builder is null");
    this.expressions = requireNonNull(expressions, "expressions is null");
  }

  Output compile(MatchQuery query, GqScope scope, RelNode match) {
    List<String> labels = new ArrayList<>();
    for (Projection projection : query.projections()) {
      labels.add(projection.alias().orElseGet(() -> label(projection.expression())));
    }
    boolean aggregate = query.projections().stream().anyMatch(p -> p.expression() instanceof Aggregate);
    List<RexNode> outputs = aggregate ? aggregate(query, scope, match) : plain(query, scope, match);
    List<RelDataType> types = new ArrayList<>();
    outputs.forEach(node -> types.add(node.getType()));
    RelNode rel = builder.project(outputs, labels, true).build();
    return new Output(rel, builder.getTypeFactory().createStructType(types, labels));
  }

  /** Without aggregates: sort and limit the match rows, then return the projections' values. */
  private List<RexNode> plain(MatchQuery query, GqScope scope, RelNode match) {
    List<RexNode> projections = new ArrayList<>();
    for (Projection projection : query.projections()) {
      projections.add(value(projection.expression(), scope, match));
    }
    List<Key> keys = new ArrayList<>();
    for (Ordering ordering : query.orderings()) {
      RexNode node =
          ordering.expression() instanceof AliasReference alias
              ? projections.get(aliasIndex(query, alias))
              : value(ordering.expression(), scope, match);
      keys.add(new Key(node, ordering.direction() == Ordering.Direction.DESC));
    }
    List<RexNode> tieBreak = new ArrayList<>();
    for (GqScope.Variable variable : scope.all()) {
      tieBreak.add(builder.getRexBuilder().makeInputRef(match, variable.offset()));
    }
    builder.push(match);
    sortAndLimit(query, keys, tieBreak);
    return projections;
  }

  /**
   * With aggregates: the group keys and aggregate arguments are projected first (so equal keys stay separate
   * columns), grouped, then sorted by the returned columns and limited.
   */
  private List<RexNode> aggregate(MatchQuery query, GqScope scope, RelNode match) {
    List<RexNode> groups = new ArrayList<>();
    List<RexNode> arguments = new ArrayList<>();
    List<Aggregate> aggregates = new ArrayList<>();
    int[] position = new int[query.projections().size()];
    for (int i = 0; i < query.projections().size(); i++) {
      Expression expression = query.projections().get(i).expression();
      if (expression instanceof Aggregate call) {
        RexNode argument = value(call.argument(), scope, match);
        check(call, argument);
        position[i] = -1 - aggregates.size();
        aggregates.add(call);
        arguments.add(argument);
      } else if (expression instanceof PropertyAccess || expression instanceof VariableReference) {
        position[i] = groups.size();
        groups.add(value(expression, scope, match));
      } else {
        throw GqCompiler.error(
            ErrorCode.RULE_VIOLATION,
            "non-aggregate expressions in an aggregate query must be property accesses or variables", expression.span());
      }
    }
    List<RexNode> columns = new ArrayList<>(groups);
    columns.addAll(arguments);
    builder.push(match).project(columns, List.of(), true);
    List<RelBuilder.AggCall> calls = new ArrayList<>();
    for (int i = 0; i < aggregates.size(); i++) {
      RexNode argument = builder.field(groups.size() + i);
      String name = aggregates.get(i).function().keyword();
      calls.add(
          switch (aggregates.get(i).function()) {
            case COUNT -> builder.count(false, name, argument);
            case SUM -> builder.sum(false, name, builder.cast(argument, SqlTypeName.DOUBLE));
            case AVG -> builder.avg(false, name, builder.cast(argument, SqlTypeName.DOUBLE));
            case MIN -> builder.min(name, argument);
            case MAX -> builder.max(name, argument);
          });
    }
    List<RexNode> groupFields = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      groupFields.add(builder.field(i));
    }
    builder.aggregate(builder.groupKey(groupFields), calls);
    List<RexNode> outputs = new ArrayList<>();
    for (int p : position) {
      outputs.add(builder.field(p >= 0 ? p : groups.size() - 1 - p));
    }
    List<Key> keys = new ArrayList<>();
    for (Ordering ordering : query.orderings()) {
      int index =
          ordering.expression() instanceof AliasReference alias
              ? aliasIndex(query, alias)
              : returnedIndex(query, ordering.expression());
      keys.add(new Key(outputs.get(index), ordering.direction() == Ordering.Direction.DESC));
    }
    List<RexNode> tieBreak = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      tieBreak.add(builder.field(i));
    }
    sortAndLimit(query, keys, tieBreak);
    return outputs;
  }

  private void check(Aggregate call, RexNode argument) {
    GqExpressions.Family family = GqExpressions.family(argument.getType());
    boolean fits =
        switch (call.function()) {
          case COUNT -> true;
          case SUM, AVG -> family == GqExpressions.Family.NUMBER;
          case MIN, MAX -> family == GqExpressions.Family.NUMBER || family == GqExpressions.Family.STRING;
        };
    if (!fits) {
      throw GqCompiler.error(
          ErrorCode.INVALID_VALUE,
          call.function().keyword() + "(…) cannot aggregate " + GqExpressions.describe(argument.getType()), call.span());
    }
  }

  /** Sorts the builder's top when the read orders or limits; the sort is total (user keys, then tie-break). */
  private void sortAndLimit(MatchQuery query, List<Key> keys, List<RexNode> tieBreak) {
    if (query.orderings().isEmpty() && query.limit().isEmpty()) {
      return;
    }
    List<RexNode> collation = new ArrayList<>();
    for (Key key : keys) {
      collation.add(key.descending() ? builder.nullsLast(builder.desc(key.node())) : builder.nullsFirst(key.node()));
    }
    tieBreak.forEach(node -> collation.add(builder.nullsFirst(node)));
    int fetch = query.limit().isPresent() ? (int) Math.min(Integer.MAX_VALUE, query.limit().getAsLong()) : -1;
    builder.sortLimit(-1, fetch, collation);
  }

  /** A returned, ordered or aggregated value: anything {@link GqExpressions#operand} allows except Blobs (T24). */
  private RexNode value(Expression expression, GqScope scope, RelNode match) {
    if (expression instanceof PropertyAccess access) {
      GqScope.Variable variable = scope.require(access.variable(), access.span());
      if (GqExpressions.isBlob(GqExpressions.column(variable, access.property(), access.span()))) {
        throw GqCompiler.error(
            ErrorCode.RULE_VIOLATION,
            "Blob property '$" + access.variable() + "." + access.property() + "' is not available as a .gq read value",
            access.span());
      }
    }
    return expressions.operand(expression, scope, match.getRowType(), null);
  }

  private static int aliasIndex(MatchQuery query, AliasReference alias) {
    for (int i = 0; i < query.projections().size(); i++) {
      if (query.projections().get(i).alias().equals(Optional.of(alias.alias()))) {
        return i;
      }
    }
    throw GqCompiler.error(ErrorCode.RULE_VIOLATION, "'" + alias.alias() + "' is not a return alias", alias.span());
  }

  private static int returnedIndex(MatchQuery query, Expression expression) {
    String wanted = canonical(expression);
    for (int i = 0; i < query.projections().size(); i++) {
      if (canonical(query.projections().get(i).expression()).equals(wanted)) {
        return i;
      }
    }
    throw GqCompiler.error(
        ErrorCode.RULE_VIOLATION, "an aggregate query can only order by returned expressions or their aliases",
        expression.span());
  }

  /** An expression as text without positions, to recognise an ordering that repeats a projection. */
  private static String canonical(Expression expression) {
    if (expression instanceof PropertyAccess access) {
      return "$" + access.variable() + "." + access.property();
    } else if (expression instanceof VariableReference reference) {
      return "$" + reference.variable();
    } else if (expression instanceof Aggregate call) {
      return call.function().keyword() + "(" + canonical(call.argument()) + ")";
    }
    return expression.toString();
  }

  /** The default column label (SPEC §4): the property name, the variable, the function, the parameter. */
  static String label(Expression expression) {
    if (expression instanceof PropertyAccess access) {
      return access.property();
    } else if (expression instanceof VariableReference reference) {
      return reference.variable();
    } else if (expression instanceof Aggregate call) {
      return call.function().keyword();
    } else if (expression instanceof Parameter parameter) {
      return parameter.name().orElse("?");
    } else if (expression instanceof Now) {
      return "now";
    } else if (expression instanceof Literal) {
      return "literal";
    }
    return expression.toString();
  }
}
