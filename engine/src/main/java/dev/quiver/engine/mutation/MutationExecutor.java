package dev.quiver.engine.mutation;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Cancellation;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.Ids;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.storage.Filter;
import dev.quiver.engine.tx.DeleteHistory;
import dev.quiver.engine.tx.Transaction;
import dev.quiver.engine.view.RowCursor;
import dev.quiver.grammar.ast.And;
import dev.quiver.grammar.ast.Assignment;
import dev.quiver.grammar.ast.BoolLiteral;
import dev.quiver.grammar.ast.Comparison;
import dev.quiver.grammar.ast.DateLiteral;
import dev.quiver.grammar.ast.DateTimeLiteral;
import dev.quiver.grammar.ast.Delete;
import dev.quiver.grammar.ast.FloatLiteral;
import dev.quiver.grammar.ast.Insert;
import dev.quiver.grammar.ast.IntegerLiteral;
import dev.quiver.grammar.ast.ListLiteral;
import dev.quiver.grammar.ast.Literal;
import dev.quiver.grammar.ast.Not;
import dev.quiver.grammar.ast.Now;
import dev.quiver.grammar.ast.Or;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.Predicate;
import dev.quiver.grammar.ast.SourceSpan;
import dev.quiver.grammar.ast.Statement;
import dev.quiver.grammar.ast.StringLiteral;
import dev.quiver.grammar.ast.Update;
import dev.quiver.grammar.ast.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Executes the mutation statements of one statement text against a transaction: validates each value as it
 * is bound, pushes full rows (newest write of an id wins) and deletions into the transaction, and at the end
 * of the text checks what spans rows: edge endpoints, {@code @unique} and {@code @card}. Nothing reaches
 * storage here; a failure leaves the caller to restore the transaction's checkpoint.
 */
public final class MutationExecutor {
  /** Counts of one statement. */
  public record Outcome(long count, long affectedNodes, long affectedEdges) {}

  private final Transaction transaction;
  private final Catalog catalog;
  private final List<Object> parameters;
  private final Instant now;
  private final DeleteHistory deletes;
  private final Map<String, List<Map<String, Object>>> writtenThisText = new LinkedHashMap<>();
  private final Map<String, Set<String>> vacatedSources = new LinkedHashMap<>();
  private final Map<NodeType, List<String>> deferredCascades = new LinkedHashMap<>();

  /** @param now the instant {@code now()} denotes for the whole text */
  public MutationExecutor(Transaction transaction, Catalog catalog, List<Object> parameters, Instant now) {
    this.transaction = requireNonNull(transaction, "transaction is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.parameters = requireNonNull(parameters, "parameters is null");
    this.now = requireNonNull(now, "now is null");
    this.deletes = transaction.deletes();
  }

  public Outcome execute(Statement statement) {
    Cancellation.check();
    if (statement instanceof Insert insert) {
      return insert(insert);
    }
    if (statement instanceof Update update) {
      return update(update);
    }
    if (statement instanceof Delete delete) {
      return delete(delete);
    }
    throw new GraphException(ErrorCode.INTERNAL, "not a mutation: " + statement);
  }

  // ---- insert ----

  private Outcome insert(Insert insert) {
    TableType type = resolve(insert.type(), insert.span());
    Map<String, Object> row = new LinkedHashMap<>();
    Map<String, SourceSpan> spans = new LinkedHashMap<>();
    String from = null;
    String to = null;
    for (Assignment assignment : insert.assignments()) {
      if (spans.put(assignment.property(), assignment.span()) != null) {
        throw at(assignment.span(), ErrorCode.RULE_VIOLATION, "duplicate assignment for property '" + assignment.property() + "'");
      }
      if (type instanceof EdgeType && (assignment.property().equals("from") || assignment.property().equals("to"))) {
        Object raw = raw(assignment.value());
        if (raw == null) {
          throw at(assignment.span(), ErrorCode.REQUIRED_PROPERTY_MISSING,
              "endpoint '" + assignment.property() + "' of '" + type.name() + "' cannot be null");
        }
        if (!(raw instanceof String endpoint)) {
          throw at(assignment.span(), ErrorCode.INVALID_VALUE,
              "endpoint '" + assignment.property() + "' of '" + type.name() + "' must be a String id, got " + Values.describe(raw));
        }
        if (assignment.property().equals("from")) {
          from = endpoint;
        } else {
          to = endpoint;
        }
        continue;
      }
      Property property = property(type, assignment.property(), assignment.span());
      row.put(property.name(), bind(property, assignment.value(), type));
    }
    for (Property property : type.properties()) {
      row.putIfAbsent(property.name(), null);
      if (!property.nullable() && row.get(property.name()) == null) {
        SourceSpan span = spans.getOrDefault(property.name(), insert.span());
        throw at(span, ErrorCode.REQUIRED_PROPERTY_MISSING,
            spans.containsKey(property.name())
                ? "property '" + property.name() + "' of '" + type.name() + "' cannot be null"
                : "insert for '" + type.name() + "' must provide non-nullable property '" + property.name() + "'");
      }
      checkRow(type, property, row.get(property.name()), insert.span());
    }
    Map<String, Object> full = new LinkedHashMap<>();
    if (type instanceof NodeType node) {
      full.put("id", node.keyed() ? keyId(node, row, insert.span()) : Ids.newId());
      full.putAll(row);
      transaction.putRow(type, full, node.keyed());
      written(type, full);
      return new Outcome(1, 1, 0);
    }
    if (from == null || to == null) {
      throw at(insert.span(), ErrorCode.REQUIRED_PROPERTY_MISSING,
          "insert for '" + type.name() + "' must provide required endpoint '" + (from == null ? "from" : "to") + "'");
    }
    full.put("id", Ids.newId());
    full.put("src", from);
    full.put("dst", to);
    full.putAll(row);
    transaction.putRow(type, full, false);
    written(type, full);
    return new Outcome(1, 0, 1);
  }

  private String keyId(NodeType node, Map<String, Object> row, SourceSpan span) {
    try {
      return Ids.idOf(node, row::get);
    } catch (GraphException e) {
      throw at(span, e.code(), e.getMessage());
    }
  }

  // ---- update ----

  private Outcome update(Update update) {
    TableType type = resolve(update.type(), update.span());
    if (!(type instanceof NodeType node)) {
      throw at(update.span(), ErrorCode.RULE_VIOLATION,
          "update of edge type '" + type.name() + "' is not supported; delete the edge and insert a new one");
    }
    Map<String, Object> assigned = new LinkedHashMap<>();
    for (Assignment assignment : update.assignments()) {
      Property property = property(type, assignment.property(), assignment.span());
      if (node.key().contains(property.name())) {
        throw at(assignment.span(), ErrorCode.RULE_VIOLATION,
            "cannot update @key property '" + property.name() + "' — delete and re-insert instead");
      }
      if (assigned.containsKey(property.name())) {
        throw at(assignment.span(), ErrorCode.RULE_VIOLATION, "duplicate assignment for property '" + property.name() + "'");
      }
      Object value = bind(property, assignment.value(), type);
      if (!property.nullable() && value == null) {
        throw at(assignment.span(), ErrorCode.REQUIRED_PROPERTY_MISSING,
            "property '" + property.name() + "' of '" + type.name() + "' cannot be null");
      }
      checkRow(type, property, value, assignment.span());
      assigned.put(property.name(), value);
    }
    Filter where = filter(type, update.where());
    List<String> columns = columns(type);
    List<Map<String, Object>> matched = new ArrayList<>();
    try (RowCursor cursor = transaction.view().scan(type.tableKey(), columns, where)) {
      while (cursor.next()) {
        Cancellation.check();
        Object[] values = cursor.row();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), values[i]);
        }
        matched.add(row);
      }
    }
    for (Map<String, Object> row : matched) {
      row.putAll(assigned);
      transaction.putRow(type, row, true);
      written(type, row);
    }
    return new Outcome(matched.size(), matched.size(), 0);
  }

  // ---- delete ----

  private Outcome delete(Delete delete) {
    TableType type = resolve(delete.type(), delete.span());
    Filter predicate = filter(type, delete.where());
    // invariant 8: (p_n) AND ((p_1 OR … OR p_{n-1}) IS NOT TRUE) — a row an earlier delete did not
    // certainly match (FALSE or NULL) still counts here, once.
    Filter distinct = deletes.distinct(type.tableKey(), predicate);
    deletes.record(type.tableKey(), predicate);
    if (type instanceof NodeType node) {
      List<String> ids = new ArrayList<>();
      try (RowCursor cursor = transaction.view().scan(type.tableKey(), List.of("id"), distinct)) {
        while (cursor.next()) {
          Cancellation.check();
          ids.add((String) cursor.row()[0]);
        }
      }
      List<String> removed = transaction.delete(type, ids);
      // Cascades of consecutive node deletes are gathered and run together (one scan per edge type instead
      // of one per statement); they run before anything that could observe them: an edge delete, or the end.
      deferredCascades.computeIfAbsent(node, k -> new ArrayList<>()).addAll(removed);
      return new Outcome(removed.size(), removed.size(), 0);
    }
    long cascaded = flushCascades();
    long edges = deleteEdges((EdgeType) type, distinct);
    return new Outcome(edges, 0, edges + cascaded);
  }

  /** Runs the gathered cascades; returns the distinct edges they removed. */
  private long flushCascades() {
    long removed = 0;
    for (Map.Entry<NodeType, List<String>> entry : deferredCascades.entrySet()) {
      if (!entry.getValue().isEmpty()) {
        removed += cascade(entry.getKey(), entry.getValue());
      }
    }
    deferredCascades.clear();
    return removed;
  }

  /** Deletes every incident edge of every edge type of the deleted nodes; returns the distinct edges removed. */
  private long cascade(NodeType node, List<String> nodeIds) {
    long removed = 0;
    for (EdgeType edge : catalog.edgesIncidentTo(node.name())) {
      List<Filter> sides = new ArrayList<>();
      if (edge.from().equals(node.name())) {
        sides.add(new Filter.In("src", nodeIds));
      }
      if (edge.to().equals(node.name())) {
        sides.add(new Filter.In("dst", nodeIds));
      }
      removed += deleteEdges(edge, sides.size() == 1 ? sides.get(0) : new Filter.Or(sides));
    }
    return removed;
  }

  private long deleteEdges(EdgeType edge, Filter filter) {
    List<String> ids = new ArrayList<>();
    Set<String> sources = new LinkedHashSet<>();
    try (RowCursor cursor = transaction.view().scan(edge.tableKey(), List.of("id", "src"), filter)) {
      while (cursor.next()) {
        Cancellation.check();
        ids.add((String) cursor.row()[0]);
        sources.add((String) cursor.row()[1]);
      }
    }
    if (ids.isEmpty()) {
      return 0; // invariant 5: a cascade that matches nothing leaves the edge table untouched
    }
    List<String> removed = transaction.delete(edge, ids);
    vacatedSources.computeIfAbsent(edge.tableKey(), k -> new LinkedHashSet<>()).addAll(sources);
    return removed.size();
  }

  // ---- end of text: checks that span rows ----

  /**
   * Ends the statement text: runs the cascades still gathered, then checks edge endpoints, {@code @unique} and
   * {@code @card} over the transaction's view. Returns the edges the final cascades removed.
   */
  public long finish() {
    long cascaded = flushCascades();
    validateEnd();
    return cascaded;
  }

  private void validateEnd() {
    for (Map.Entry<String, List<Map<String, Object>>> entry : writtenThisText.entrySet()) {
      TableType type = catalog.table(entry.getKey()).orElseThrow();
      List<Map<String, Object>> rows = latest(type, entry.getValue());
      if (type instanceof EdgeType edge) {
        checkEndpoints(edge, rows, "src", edge.from());
        checkEndpoints(edge, rows, "dst", edge.to());
      }
      Constraints.checkUnique(transaction.view(), type, rows);
    }
    for (EdgeType edge : catalog.edges()) {
      Set<String> sources = new LinkedHashSet<>(vacatedSources.getOrDefault(edge.tableKey(), Set.of()));
      for (Map<String, Object> row : writtenThisText.getOrDefault(edge.tableKey(), List.of())) {
        sources.add((String) row.get("src"));
      }
      if (!sources.isEmpty()) {
        sources.removeAll(transaction.deletedIds(catalog.node(edge.from()).orElseThrow().tableKey()));
        Constraints.checkCardinality(transaction.view(), edge, sources);
      }
    }
  }

  /** The rows as they stand at the end of the text (a later statement may have rewritten one). */
  private List<Map<String, Object>> latest(TableType type, List<Map<String, Object>> rows) {
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      String id = (String) row.get("id");
      transaction.pendingRow(type.tableKey(), id).ifPresent(current -> byId.put(id, current));
    }
    return new ArrayList<>(byId.values());
  }

  private void checkEndpoints(EdgeType edge, List<Map<String, Object>> rows, String column, String nodeType) {
    Set<String> wanted = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      wanted.add((String) row.get(column));
    }
    Set<String> found = new HashSet<>();
    String tableKey = catalog.node(nodeType).orElseThrow().tableKey();
    try (RowCursor cursor =
        transaction.view().scan(tableKey, List.of("id"), new Filter.In("id", List.copyOf(wanted)))) {
      while (cursor.next()) {
        Cancellation.check();
        found.add((String) cursor.row()[0]);
      }
    }
    for (String id : wanted) {
      if (!found.contains(id)) {
        throw new GraphException(
            ErrorCode.ENDPOINT_NOT_FOUND,
            column + " '" + id + "' not found in " + nodeType + " (edge " + edge.name() + ")");
      }
    }
  }

  // ---- binding ----

  private TableType resolve(String name, SourceSpan span) {
    Optional<NodeType> node = catalog.node(name);
    if (node.isPresent()) {
      return node.get();
    }
    Optional<EdgeType> edge = catalog.edge(name);
    if (edge.isPresent()) {
      return edge.get();
    }
    throw at(span, ErrorCode.UNKNOWN_TYPE, "unknown node or edge type '" + name + "'");
  }

  private static Property property(TableType type, String name, SourceSpan span) {
    return type.property(name)
        .orElseThrow(() -> at(span, ErrorCode.UNKNOWN_PROPERTY, "type '" + type.name() + "' has no property '" + name + "'"));
  }

  private Object bind(Property property, Value value, TableType type) {
    Object raw = raw(value);
    String where = "property '" + property.name() + "' of '" + type.name() + "'";
    if (value instanceof Parameter parameter) {
      where = "parameter " + parameter.display() + " (index " + parameter.index() + ") for " + where;
    }
    try {
      return Values.coerce(property, raw, where);
    } catch (GraphException e) {
      throw at(value.span(), e.code(), e.getMessage());
    }
  }

  /** The value a literal, parameter or {@code now()} denotes, before typing. */
  private Object raw(Value value) {
    if (value instanceof Parameter parameter) {
      if (parameter.index() > parameters.size()) {
        throw at(parameter.span(), ErrorCode.INVALID_VALUE,
            "parameter " + parameter.display() + " (index " + parameter.index() + ") is not set");
      }
      return parameters.get(parameter.index() - 1);
    }
    if (value instanceof Now) {
      return now;
    }
    return literal((Literal) value);
  }

  private static Object literal(Literal literal) {
    if (literal instanceof StringLiteral string) {
      return string.value();
    }
    if (literal instanceof IntegerLiteral integer) {
      return integer.value();
    }
    if (literal instanceof FloatLiteral decimal) {
      return decimal.value();
    }
    if (literal instanceof BoolLiteral bool) {
      return bool.value();
    }
    if (literal instanceof DateLiteral date) {
      return new Values.DateText(date.text());
    }
    if (literal instanceof DateTimeLiteral dateTime) {
      return new Values.DateText(dateTime.text());
    }
    ListLiteral list = (ListLiteral) literal;
    List<Object> out = new ArrayList<>();
    for (Literal element : list.elements()) {
      out.add(literal(element));
    }
    return out;
  }

  /** A {@code where} predicate as a storage filter over the type's columns ({@code from}/{@code to} of edges are src/dst). */
  private Filter filter(TableType type, Predicate predicate) {
    if (predicate instanceof And and) {
      return new Filter.And(List.of(filter(type, and.left()), filter(type, and.right())));
    }
    if (predicate instanceof Or or) {
      return new Filter.Or(List.of(filter(type, or.left()), filter(type, or.right())));
    }
    if (predicate instanceof Not not) {
      return new Filter.Not(filter(type, not.operand()));
    }
    Comparison comparison = (Comparison) predicate;
    String name = comparison.property();
    Property property;
    String column;
    if (name.equals("id") || (type instanceof EdgeType && (name.equals("from") || name.equals("to")))) {
      column = name.equals("from") ? "src" : name.equals("to") ? "dst" : "id";
      property = new Property(column, new PropertyType.Scalar(ScalarKind.STRING), false);
    } else {
      property = property(type, name, comparison.span());
      if (!property.type().isOrderedValue()) {
        throw at(comparison.span(), ErrorCode.RULE_VIOLATION,
            "property '" + name + "' of type " + property.renderType() + " cannot be used in a where predicate");
      }
      column = property.name();
    }
    Object value = bind(property, comparison.value(), type);
    if (value == null) {
      // A comparison with NULL is never TRUE (SQL semantics): match nothing.
      return new Filter.In(column, List.of());
    }
    Filter.Op op = operator(comparison);
    if (op == Filter.Op.EQ && type instanceof NodeType node) {
      // A single-property key determines the id (its canonical rendering): the same rows, found by id, which
      // the row cache and the id index serve.
      Optional<ScalarKind> keyKind = node.soleKeyKind(column);
      if (keyKind.isPresent()) {
        return Filter.eq("id", Ids.render(keyKind.get(), value));
      }
    }
    return new Filter.Compare(column, op, value);
  }

  private static Filter.Op operator(Comparison comparison) {
    return switch (comparison.operator()) {
      case EQUAL -> Filter.Op.EQ;
      case NOT_EQUAL -> Filter.Op.NE;
      case LESS_THAN -> Filter.Op.LT;
      case LESS_THAN_OR_EQUAL -> Filter.Op.LE;
      case GREATER_THAN -> Filter.Op.GT;
      case GREATER_THAN_OR_EQUAL -> Filter.Op.GE;
      case CONTAINS, STARTS_WITH ->
          throw at(comparison.span(), ErrorCode.RULE_VIOLATION,
              "operator '" + comparison.operator().symbol() + "' is not allowed in a mutation predicate");
    };
  }

  private static List<String> columns(TableType type) {
    List<String> columns = new ArrayList<>(type.systemColumns());
    for (Property property : type.properties()) {
      columns.add(property.name());
    }
    return columns;
  }

  private void checkRow(TableType type, Property property, Object value, SourceSpan span) {
    try {
      Constraints.checkValue(type, property, value);
    } catch (GraphException e) {
      throw at(span, e.code(), e.getMessage());
    }
  }

  private void written(TableType type, Map<String, Object> row) {
    writtenThisText.computeIfAbsent(type.tableKey(), k -> new ArrayList<>()).add(row);
  }

  static GraphException at(SourceSpan span, ErrorCode code, String message) {
    return new GraphException(code, message, span.line(), span.column(), null);
  }
}
