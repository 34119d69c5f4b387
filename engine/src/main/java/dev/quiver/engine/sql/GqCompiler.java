package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.grammar.ast.Binding;
import dev.quiver.grammar.ast.Clause;
import dev.quiver.grammar.ast.Expression;
import dev.quiver.grammar.ast.Filter;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Negation;
import dev.quiver.grammar.ast.PropertyAccess;
import dev.quiver.grammar.ast.PropertyMatch;
import dev.quiver.grammar.ast.SourceSpan;
import dev.quiver.grammar.ast.Traversal;
import dev.quiver.grammar.ast.Value;
import dev.quiver.grammar.ast.VariableReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Compiles the {@code match} of a {@code .gq} read into a Calcite relational plan over the SQL view's tables
 * (the same {@link GraphTable}s, so scans push filters and projections into Lance exactly as SQL does). The
 * block's relation holds every columns of each placed variable side by side; {@link GqReturns} then adds
 * grouping, ordering, the limit and the final projection. How each construct maps to relational operators is
 * documented in {@code docs/reads.md}. One instance per compilation.
 */
final class GqCompiler {
  private final Catalog catalog;
  private final RelBuilder builder;
  private final GqExpressions expressions;

  GqCompiler(Catalog catalog, RelBuilder builder, GqExpressions expressions) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.builder = requireNonNull(builder, "builder is null");
    this.expressions = requireNonNull(expressions, "expressions is null");
  }

  static GraphException error(ErrorCode code, String message, SourceSpan span) {
    return new GraphException(code, "line " + span + ": " + message, span.line(), span.column(), null);
  }

  /** The relation of a match: one row per match, the columns of every variable of {@code scope}. */
  RelNode match(MatchQuery query, GqScope scope) {
    propertyReaders = propertyReaders(query);
    return block(query.clauses(), scope, null);
  }

  /**
   * Variables whose properties the query reads anywhere — a property access in a filter, negation, return or
   * order, or a property match in any binding — so whose node rows must be joined. Null when unknown.
   */
  private Set<String> propertyReaders;

  /** Every record of the query's syntax tree, walked by its components (all AST types are records). */
  static Set<String> propertyReaders(MatchQuery query) {
    Set<String> readers = new HashSet<>();
    return collectReaders(query, readers) ? readers : null;
  }

  private static boolean collectReaders(Object node, Set<String> readers) {
    if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
        || node instanceof Enum<?> || node instanceof dev.quiver.grammar.ast.SourceSpan) {
      return true;
    }
    if (node instanceof PropertyAccess access) {
      readers.add(access.variable());
      return true;
    }
    if (node instanceof Binding binding && !binding.properties().isEmpty()) {
      readers.add(binding.variable());
    }
    if (node instanceof java.util.Collection<?> items) {
      for (Object item : items) {
        if (!collectReaders(item, readers)) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof Optional<?> optional) {
      return optional.isEmpty() || collectReaders(optional.get(), readers);
    }
    if (node instanceof java.util.OptionalInt || node instanceof java.util.OptionalLong) {
      return true;
    }
    if (!(node instanceof Record record)) {
      return false; // a node this walk does not understand: assume every variable is read
    }
    for (java.lang.reflect.RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        if (!collectReaders(component.getAccessor().invoke(record), readers)) {
          return false;
        }
      } catch (ReflectiveOperationException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compiles a clause list on top of {@code base} (null for the top block): bindings type their variables,
   * traversals in text order join edges (or expand them, for bounds other than {1,1}), leftover bindings join
   * as cross products, then filters and negations apply.
   */
  private RelNode block(List<Clause> clauses, GqScope scope, RelNode base) {
    for (Clause clause : clauses) {
      if (clause instanceof Binding binding) {
        bind(binding, scope);
      }
    }
    RelNode current = base;
    for (Clause clause : clauses) {
      if (clause instanceof Traversal traversal) {
        current = traverse(traversal, scope, current);
      }
    }
    for (GqScope.Variable variable : scope.unplaced()) {
      current = place(variable, scope, current);
    }
    for (GqScope.Variable variable : scope.all()) {
      if (!variable.matches().isEmpty()) { // a re-binding of an already placed variable
        current = applyMatches(variable.matches(), variable, scope, current);
        scope.put(new GqScope.Variable(variable.name(), variable.type(), variable.offset(), List.of(), variable.span()));
      }
    }
    List<RexNode> conditions = new ArrayList<>();
    for (Clause clause : clauses) {
      if (clause instanceof Filter filter) {
        conditions.add(
            expressions.filter(filter.left(), filter.operator(), filter.right(), scope, current.getRowType(), filter.span()));
      }
    }
    if (!conditions.isEmpty()) {
      current = builder.push(current).filter(conditions).build();
    }
    for (Clause clause : clauses) {
      if (clause instanceof Negation negation) {
        current = negate(negation, scope, current);
      }
    }
    return current;
  }

  /** {@code $v: Type { … }}: types the variable (T1, T2); a re-binding to the same type adds its matches. */
  private void bind(Binding binding, GqScope scope) {
    NodeType type =
        catalog
            .node(binding.type())
            .orElseThrow(() -> error(ErrorCode.UNKNOWN_TYPE, "unknown node type '" + binding.type() + "'", binding.span()));
    String name = binding.variable().equals("_") ? scope.anonymousName() : binding.variable();
    Optional<GqScope.Variable> existing = scope.get(name);
    if (existing.isPresent() && !existing.get().type().equals(type)) {
      throw GqScope.conflict(name, existing.get().type(), type, binding.span());
    }
    List<PropertyMatch> matches = new ArrayList<>(existing.map(GqScope.Variable::matches).orElse(List.of()));
    for (PropertyMatch match : binding.properties()) {
      GqScope.Variable probe = new GqScope.Variable(name, type, 0, List.of(), binding.span());
      TableColumn column = GqExpressions.column(probe, match.property(), match.span());
      if (GqExpressions.isBlob(column)) {
        throw error(ErrorCode.INVALID_VALUE, "Blob property '" + match.property() + "' cannot be matched", match.span());
      }
      if (!(match.value() instanceof Value)) {
        throw error(ErrorCode.RULE_VIOLATION, "a property match takes a literal, a parameter or now()", match.span());
      }
      if (match.value() instanceof dev.quiver.grammar.ast.ListLiteral) {
        throw error(
            ErrorCode.INVALID_VALUE,
            "list equality is not supported for property '" + match.property()
                + "'; use a scalar value to match list membership",
            match.span());
      }
      matches.add(match);
    }
    int offset = existing.map(GqScope.Variable::offset).orElse(-1);
    scope.put(new GqScope.Variable(name, type, offset, matches, existing.map(GqScope.Variable::span).orElse(binding.span())));
  }

  /** Joins (or cross joins, when nothing is placed yet) a variable's table scan, filtered by its matches. */
  private RelNode place(GqScope.Variable variable, GqScope scope, RelNode current) {
    builder.scan(SqlPlanner.DEFAULT_SCHEMA, variable.type().name());
    int offset = 0;
    if (current != null) {
      offset = current.getRowType().getFieldCount();
      RelNode scan = builder.build();
      builder.push(current).push(scan).join(JoinRelType.INNER, builder.literal(true));
    }
    GqScope.Variable placed = new GqScope.Variable(variable.name(), variable.type(), offset, List.of(), variable.span());
    scope.put(placed);
    return applyMatches(variable.matches(), placed, scope, builder.build());
  }

  private RelNode applyMatches(List<PropertyMatch> matches, GqScope.Variable variable, GqScope scope, RelNode current) {
    if (matches.isEmpty()) {
      return current;
    }
    builder.push(current);
    List<RexNode> conditions = new ArrayList<>();
    for (PropertyMatch match : matches) {
      RexNode column =
          expressions.operand(new PropertyAccess(variable.name(), match.property(), match.span()), scope, current.getRowType(), null);
      RelDataTypeHolder hint = new RelDataTypeHolder(column);
      RexNode value = expressions.operand(match.value(), scope, current.getRowType(), hint.elementOrSelf());
      RexNode condition = expressions.propertyMatch(column, value, match.span()); // type-checks the match
      if (isStringKey(variable.type(), match.property())) {
        // A single String key is the node's id verbatim (Ids.render), so match the id instead: the same rows,
        // found by the row cache or the id index rather than a scan of the key column.
        condition = expressions.propertyMatch(builder.field(variable.offset()), value, match.span());
      }
      conditions.add(condition);
    }
    return builder.filter(conditions).build();
  }

  /** Whether {@code property} is the single key of a node type and a String (so it equals the node's id). */
  private static boolean isStringKey(TableType type, String property) {
    return type instanceof NodeType node
        && node.soleKeyKind(property).orElse(null) == dev.quiver.engine.catalog.ScalarKind.STRING;
  }

  /** The type a value compared with a column takes: a list property's element type, else the column's. */
  private record RelDataTypeHolder(RexNode column) {
    org.apache.calcite.rel.type.RelDataType elementOrSelf() {
      org.apache.calcite.rel.type.RelDataType type = column.getType();
      return type.getComponentType() != null ? type.getComponentType() : type;
    }
  }

  /**
   * A traversal. Direction is inferred from the endpoint types (reference rules 1–3); the left variable is
   * always the search's source. A {1,1} hop is a join with the edge table's distinct (src, dst) pairs (or
   * with the edge rows themselves, for an edge binding); other bounds become a {@link BfsExpand}.
   */
  private RelNode traverse(Traversal traversal, GqScope scope, RelNode current) {
    EdgeType edge =
        catalog
            .edgeIgnoreCase(traversal.edge())
            .orElseThrow(() -> error(ErrorCode.UNKNOWN_TYPE, "unknown edge type '" + traversal.edge() + "'", traversal.span()));
    int min = traversal.minHops();
    if (traversal.maxHops().isEmpty()) {
      throw error(ErrorCode.RULE_VIOLATION, "unbounded traversal is disabled; use bounded traversal {min,max}", traversal.span());
    }
    int max = traversal.maxHops().getAsInt();
    if (min < 1) {
      throw error(ErrorCode.RULE_VIOLATION, "traversal min hop bound must be >= 1", traversal.span());
    }
    if (max < min) {
      throw error(ErrorCode.RULE_VIOLATION, "traversal max hop bound must be >= min", traversal.span());
    }
    boolean sameType = edge.from().equals(edge.to());
    if (traversal.undirected() && !sameType) {
      throw error(
          ErrorCode.RULE_VIOLATION,
          "undirected traversal '<" + traversal.edge() + ">' requires a same-endpoint-type edge; '" + edge.name()
              + "' goes from " + edge.from() + " to " + edge.to(),
          traversal.span());
    }
    String left = traversal.source().equals("_") ? scope.anonymousName() : traversal.source();
    String right = traversal.target().equals("_") ? scope.anonymousName() : traversal.target();
    Optional<String> edgeVariable = traversal.edgeVariable();
    if (edgeVariable.isPresent()) {
      String w = edgeVariable.get();
      if (min != 1 || max != 1 || scope.get(w).isPresent() || w.equals(left) || w.equals(right)) {
        throw error(
            ErrorCode.RULE_VIOLATION,
            "edge variable '$" + w + "' must be new, differ from the endpoints and be used without hop bounds",
            traversal.span());
      }
    }
    Optional<GqScope.Variable> l = scope.get(left);
    Optional<GqScope.Variable> r = scope.get(right);
    if (l.isPresent() && l.get().isEdge() || r.isPresent() && r.get().isEdge()) {
      throw error(ErrorCode.RULE_VIOLATION, "an edge variable cannot be a traversal endpoint", traversal.span());
    }
    boolean forward;
    if (l.isPresent()) {
      forward = endpoint(l.get(), edge, true, traversal);
    } else if (r.isPresent()) {
      forward = endpoint(r.get(), edge, false, traversal);
    } else {
      forward = true;
    }
    NodeType leftType = catalog.node(forward ? edge.from() : edge.to()).orElseThrow();
    NodeType rightType = catalog.node(forward ? edge.to() : edge.from()).orElseThrow();
    if (r.isPresent() && !r.get().type().equals(rightType)) {
      throw GqScope.conflict(right, r.get().type(), rightType, traversal.span());
    }
    if (l.isEmpty()) {
      scope.put(new GqScope.Variable(left, leftType, -1, List.of(), traversal.span()));
    }
    if (r.isEmpty()) {
      scope.put(new GqScope.Variable(right, rightType, -1, List.of(), traversal.span()));
    }
    // Which side the join starts from: the placed one (a hop joins the same pairs either way), else the left.
    boolean fromRight =
        min == 1 && max == 1 && !scope.get(left).get().placed() && scope.get(right).get().placed();
    String anchorName = fromRight ? right : left;
    String otherName = fromRight ? left : right;
    boolean walkForward = forward != fromRight; // from the anchor, along src->dst?
    if (!scope.get(anchorName).get().placed()) {
      current = place(scope.get(anchorName).get(), scope, current);
    }
    GqScope.Variable anchor = scope.get(anchorName).get();
    int anchorId = anchor.offset();
    int otherId;
    if (edgeVariable.isPresent()) {
      int edgeOffset = current.getRowType().getFieldCount();
      builder.push(current).scan(SqlPlanner.DEFAULT_SCHEMA, edge.name());
      RexNode id = builder.field(2, 0, anchorId);
      RexNode src = builder.field(2, 1, "src");
      RexNode dst = builder.field(2, 1, "dst");
      RexNode condition =
          traversal.undirected()
              ? builder.or(builder.equals(id, src), builder.equals(id, dst))
              : builder.equals(id, walkForward ? src : dst);
      builder.join(JoinRelType.INNER, condition);
      RexNode srcField = builder.field(edgeOffset + 1);
      RexNode dstField = builder.field(edgeOffset + 2);
      RexNode other =
          traversal.undirected()
              ? builder.call(SqlStdOperatorTable.CASE, builder.equals(builder.field(anchorId), srcField), dstField, srcField)
              : (walkForward ? dstField : srcField);
      List<RexNode> fields = new ArrayList<>(builder.fields());
      fields.add(other);
      current = builder.project(fields).build();
      scope.put(new GqScope.Variable(edgeVariable.get(), edge, edgeOffset, List.of(), traversal.span()));
      otherId = fields.size() - 1;
    } else if (min == 1 && max == 1) {
      builder.push(current);
      pairs(edge, walkForward, traversal.undirected());
      int pairOffset = current.getRowType().getFieldCount();
      builder.join(JoinRelType.INNER, builder.equals(builder.field(2, 0, anchorId), builder.field(2, 1, 0)));
      current = builder.build();
      otherId = pairOffset + 1;
    } else {
      int effectiveMax = sameType ? max : 1; // a hop beyond the first cannot continue along a two-type edge
      if (min > effectiveMax) {
        current = builder.push(current).empty().build();
        current = builder.push(current).project(appendNull(current)).build();
      } else {
        List<BfsExpand.Step> steps = new ArrayList<>();
        steps.add(new BfsExpand.Step(edge.tableKey(), !walkForward));
        if (traversal.undirected()) {
          steps.add(new BfsExpand.Step(edge.tableKey(), walkForward));
        }
        current = BfsExpand.create(current, new BfsExpand.Spec(anchorId, steps, min, effectiveMax));
      }
      otherId = current.getRowType().getFieldCount() - 1;
    }
    return reach(scope.get(otherName).get(), otherId, scope, current);
  }

  private List<RexNode> appendNull(RelNode current) {
    builder.push(current);
    List<RexNode> fields = new ArrayList<>(builder.fields());
    fields.add(builder.getRexBuilder().makeNullLiteral(builder.getTypeFactory().createSqlType(org.apache.calcite.sql.type.SqlTypeName.VARCHAR)));
    builder.build();
    return fields;
  }

  /** Pushes the distinct (from, to) id pairs of an edge table, in walking direction (both, undirected). */
  private void pairs(EdgeType edge, boolean forward, boolean undirected) {
    builder.scan(SqlPlanner.DEFAULT_SCHEMA, edge.name());
    builder.project(builder.field(forward ? "src" : "dst"), builder.field(forward ? "dst" : "src"));
    if (undirected) {
      builder.scan(SqlPlanner.DEFAULT_SCHEMA, edge.name());
      builder.project(builder.field("dst"), builder.field("src"));
      builder.union(true);
    }
    builder.distinct();
  }

  /**
   * The far endpoint of a hop: joins its node table, or, when already placed, requires the ids to agree. A
   * variable whose properties nothing reads is not joined at all: every edge's endpoint exists (endpoints are
   * checked on insert and a node's delete cascades to its edges, in a transaction's pending writes too), so
   * the join could only repeat the reached id — at the price of scanning the whole node table per query. The
   * variable is then placed on the reached id column alone, which is all a traversal anchor, a bare
   * {@code $v}, {@code count($v)} or a negation's id comparison use.
   */
  private RelNode reach(GqScope.Variable other, int otherId, GqScope scope, RelNode current) {
    if (other.placed()) {
      return builder.push(current).filter(builder.equals(builder.field(other.offset()), builder.field(otherId))).build();
    }
    if (propertyReaders != null && !propertyReaders.contains(other.name()) && other.matches().isEmpty()) {
      scope.put(new GqScope.Variable(other.name(), other.type(), otherId, List.of(), other.span()));
      return current;
    }
    int offset = current.getRowType().getFieldCount();
    builder.push(current).scan(SqlPlanner.DEFAULT_SCHEMA, other.type().name());
    builder.join(JoinRelType.INNER, builder.equals(builder.field(2, 0, otherId), builder.field(2, 1, "id")));
    GqScope.Variable placed = new GqScope.Variable(other.name(), other.type(), offset, List.of(), other.span());
    scope.put(placed);
    return applyMatches(other.matches(), placed, scope, builder.build());
  }

  /** Direction from a typed endpoint (rules 1 and 2): forward when it is the side the edge starts from. */
  private static boolean endpoint(GqScope.Variable variable, EdgeType edge, boolean isLeft, Traversal traversal) {
    String type = variable.type().name();
    if (type.equals(isLeft ? edge.from() : edge.to())) {
      return true;
    }
    if (type.equals(isLeft ? edge.to() : edge.from())) {
      return false;
    }
    throw error(
        ErrorCode.RULE_VIOLATION,
        "variable '$" + variable.name() + "' of type '" + type + "' is not an endpoint of edge '" + edge.name() + "' ("
            + edge.from() + " -> " + edge.to() + ")",
        traversal.span());
  }

  /**
   * {@code not { … }}: the inner clauses compile on top of the outer relation in a scope that sees the outer
   * variables; the outer rows whose referenced variables' ids appear in the inner result are removed (an
   * anti-join on those ids). The block must reference an outer variable (T9).
   */
  private RelNode negate(Negation negation, GqScope scope, RelNode current) {
    Set<String> referenced = new LinkedHashSet<>();
    collectVariables(negation.clauses(), referenced);
    GqScope inner = scope.inner();
    List<GqScope.Variable> outerVariables = new ArrayList<>();
    for (String name : referenced) {
      if (inner.isOuter(name)) {
        outerVariables.add(scope.get(name).get());
      }
    }
    if (outerVariables.isEmpty()) {
      throw error(ErrorCode.RULE_VIOLATION, "negation block must reference at least one outer-bound variable", negation.span());
    }
    RelNode matched = block(negation.clauses(), inner, current);
    builder.push(current);
    builder.push(matched);
    List<RexNode> keys = new ArrayList<>();
    for (GqScope.Variable variable : outerVariables) {
      keys.add(builder.field(variable.offset()));
    }
    builder.project(keys).distinct();
    List<RexNode> conditions = new ArrayList<>();
    for (int i = 0; i < outerVariables.size(); i++) {
      conditions.add(builder.equals(builder.field(2, 0, outerVariables.get(i).offset()), builder.field(2, 1, i)));
    }
    return builder.antiJoin(conditions).build();
  }

  private static void collectVariables(List<Clause> clauses, Set<String> into) {
    for (Clause clause : clauses) {
      if (clause instanceof Binding binding) {
        into.add(binding.variable());
      } else if (clause instanceof Traversal traversal) {
        into.add(traversal.source());
        into.add(traversal.target());
      } else if (clause instanceof Filter filter) {
        collectVariables(filter.left(), into);
        collectVariables(filter.right(), into);
      } else if (clause instanceof Negation negation) {
        collectVariables(negation.clauses(), into);
      }
    }
  }

  private static void collectVariables(Expression expression, Set<String> into) {
    if (expression instanceof PropertyAccess access) {
      into.add(access.variable());
    } else if (expression instanceof VariableReference reference) {
      into.add(reference.variable());
    }
  }
}
