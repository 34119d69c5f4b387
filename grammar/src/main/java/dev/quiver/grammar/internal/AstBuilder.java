package dev.quiver.grammar.internal;

import static dev.quiver.grammar.internal.SyntaxErrors.at;
import static dev.quiver.grammar.internal.SyntaxErrors.span;

import dev.quiver.grammar.SyntaxError;
import dev.quiver.grammar.antlr.GqParser;
import dev.quiver.grammar.ast.Aggregate;
import dev.quiver.grammar.ast.AggregateFunction;
import dev.quiver.grammar.ast.AliasReference;
import dev.quiver.grammar.ast.And;
import dev.quiver.grammar.ast.Assignment;
import dev.quiver.grammar.ast.Binding;
import dev.quiver.grammar.ast.BoolLiteral;
import dev.quiver.grammar.ast.Clause;
import dev.quiver.grammar.ast.Cleanup;
import dev.quiver.grammar.ast.Comparison;
import dev.quiver.grammar.ast.DateLiteral;
import dev.quiver.grammar.ast.DateTimeLiteral;
import dev.quiver.grammar.ast.Delete;
import dev.quiver.grammar.ast.Expression;
import dev.quiver.grammar.ast.Filter;
import dev.quiver.grammar.ast.FloatLiteral;
import dev.quiver.grammar.ast.Insert;
import dev.quiver.grammar.ast.IntegerLiteral;
import dev.quiver.grammar.ast.ListLiteral;
import dev.quiver.grammar.ast.ListType;
import dev.quiver.grammar.ast.Literal;
import dev.quiver.grammar.ast.Load;
import dev.quiver.grammar.ast.LoadMode;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Negation;
import dev.quiver.grammar.ast.Not;
import dev.quiver.grammar.ast.Now;
import dev.quiver.grammar.ast.Operator;
import dev.quiver.grammar.ast.Optimize;
import dev.quiver.grammar.ast.Or;
import dev.quiver.grammar.ast.Ordering;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.ParameterDeclaration;
import dev.quiver.grammar.ast.ParameterType;
import dev.quiver.grammar.ast.Predicate;
import dev.quiver.grammar.ast.Projection;
import dev.quiver.grammar.ast.PropertyAccess;
import dev.quiver.grammar.ast.PropertyMatch;
import dev.quiver.grammar.ast.QueryDeclaration;
import dev.quiver.grammar.ast.ScalarKind;
import dev.quiver.grammar.ast.ScalarType;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.ast.Statement;
import dev.quiver.grammar.ast.StringLiteral;
import dev.quiver.grammar.ast.Traversal;
import dev.quiver.grammar.ast.Update;
import dev.quiver.grammar.ast.Value;
import dev.quiver.grammar.ast.VariableReference;
import dev.quiver.grammar.ast.VectorType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.Token;

/**
 * Turns a complete parse tree into the AST. One instance per text: it numbers the text's parameters.
 * Rules the grammar cannot say (parameter types, duplicate annotations, number ranges, one parameter
 * style per text) are reported here as {@link SyntaxError}s.
 */
public final class AstBuilder {
  private final Map<String, Parameter> named = new LinkedHashMap<>();
  private final List<Parameter> positional = new ArrayList<>();
  /** Variables bound by the match being built: {@code $x} there is a variable, not a parameter. */
  private Set<String> boundVariables = Set.of();

  /** The AST of {@code tree}. */
  public Script script(GqParser.ScriptContext tree) {
    List<QueryDeclaration> declarations = new ArrayList<>();
    List<Statement> bare = new ArrayList<>();
    if (!tree.queryDeclaration().isEmpty()) {
      // A declaration's parameter list fixes the JDBC order, so register every declared parameter first.
      for (GqParser.QueryDeclarationContext declaration : tree.queryDeclaration()) {
        if (declaration.parameterList() != null) {
          for (GqParser.ParameterDeclarationContext parameter : declaration.parameterList().parameterDeclaration()) {
            namedParameter(parameter.VARIABLE().getSymbol());
          }
        }
      }
      Set<String> names = new HashSet<>();
      for (GqParser.QueryDeclarationContext declaration : tree.queryDeclaration()) {
        QueryDeclaration built = queryDeclaration(declaration);
        if (!names.add(built.name())) {
          throw at(declaration.name.start, "query '" + built.name() + "' is declared more than once");
        }
        declarations.add(built);
      }
    } else {
      for (GqParser.StatementContext statement : tree.statement()) {
        bare.add(statement(statement));
      }
    }
    List<Parameter> parameters = named.isEmpty() ? positional : List.copyOf(named.values());
    return new Script(declarations, bare, parameters);
  }

  private QueryDeclaration queryDeclaration(GqParser.QueryDeclarationContext ctx) {
    String name = ctx.name.getText();
    List<ParameterDeclaration> parameters = new ArrayList<>();
    Set<String> declared = new HashSet<>();
    if (ctx.parameterList() != null) {
      for (GqParser.ParameterDeclarationContext parameter : ctx.parameterList().parameterDeclaration()) {
        Token variable = parameter.VARIABLE().getSymbol();
        String parameterName = variableName(variable);
        if (!declared.add(parameterName)) {
          throw at(variable, "query '" + name + "' declares parameter '$" + parameterName + "' more than once");
        }
        parameters.add(new ParameterDeclaration(parameterName, parameterType(parameter.parameterType()), span(variable)));
      }
    }
    Optional<String> description = Optional.empty();
    Optional<String> instruction = Optional.empty();
    for (GqParser.AnnotationContext annotation : ctx.annotation()) {
      String text = string(annotation.STRING().getSymbol());
      boolean isDescription = annotation.kind.getType() == GqParser.AT_DESCRIPTION;
      if (isDescription ? description.isPresent() : instruction.isPresent()) {
        throw at(annotation.kind, "query '" + name + "' has more than one '" + annotation.kind.getText() + "' annotation");
      }
      if (isDescription) {
        description = Optional.of(text);
      } else {
        instruction = Optional.of(text);
      }
    }
    List<Statement> statements = new ArrayList<>();
    for (GqParser.StatementContext statement : ctx.statement()) {
      statements.add(statement(statement));
    }
    return new QueryDeclaration(name, parameters, description, instruction, statements, span(ctx.start));
  }

  private static ParameterType parameterType(GqParser.ParameterTypeContext ctx) {
    boolean nullable = ctx.nullable != null;
    if (ctx.element != null) {
      return new ListType(scalarKind(ctx.element), nullable);
    }
    if (ctx.vector != null) {
      if (!ctx.vector.getText().equals("Vector")) {
        throw at(ctx.vector, "parameter type '" + ctx.vector.getText() + "' takes no dimension");
      }
      int dimension = intValue(ctx.dimension, "vector dimension");
      if (dimension < 1) {
        throw at(ctx.dimension, "vector dimension '" + ctx.dimension.getText() + "' is less than 1");
      }
      return new VectorType(dimension, nullable);
    }
    if (ctx.scalar.getText().equals("Vector")) {
      throw at(ctx.scalar, "parameter type 'Vector' needs a dimension, as in 'Vector(3)'");
    }
    return new ScalarType(scalarKind(ctx.scalar), nullable);
  }

  private static ScalarKind scalarKind(Token token) {
    return ScalarKind.fromTypeName(token.getText())
        .orElseThrow(() -> at(token, "parameter type '" + token.getText() + "' is unknown, expected one of "
            + Arrays.stream(ScalarKind.values()).map(ScalarKind::typeName).collect(Collectors.joining(", "))
            + ", [T] or Vector(n)"));
  }

  // ------------------------------------------------------------------ statements

  private Statement statement(GqParser.StatementContext ctx) {
    if (ctx.insertStatement() != null) {
      GqParser.InsertStatementContext insert = ctx.insertStatement();
      return new Insert(insert.TYPE_NAME().getText(), assignments(insert.assignment()), span(insert.start));
    }
    if (ctx.updateStatement() != null) {
      GqParser.UpdateStatementContext update = ctx.updateStatement();
      return new Update(update.TYPE_NAME().getText(), assignments(update.assignment()),
          predicate(update.predicate()), span(update.start));
    }
    if (ctx.deleteStatement() != null) {
      GqParser.DeleteStatementContext delete = ctx.deleteStatement();
      return new Delete(delete.TYPE_NAME().getText(), predicate(delete.predicate()), span(delete.start));
    }
    if (ctx.matchQuery() != null) {
      return matchQuery(ctx.matchQuery());
    }
    if (ctx.loadStatement() != null) {
      GqParser.LoadStatementContext load = ctx.loadStatement();
      Optional<LoadMode> mode = Optional.empty();
      if (load.loadMode != null) {
        mode = Optional.of(LoadMode.valueOf(load.loadMode.getText().toUpperCase(java.util.Locale.ROOT)));
      }
      return new Load(string(load.STRING().getSymbol()), mode, span(load.start));
    }
    if (ctx.optimizeStatement() != null) {
      return new Optimize(span(ctx.start));
    }
    GqParser.CleanupStatementContext cleanup = ctx.cleanupStatement();
    OptionalLong keep = cleanup.INTEGER() == null
        ? OptionalLong.empty()
        : OptionalLong.of(longValue(cleanup.INTEGER().getSymbol(), "cleanup keep count"));
    return new Cleanup(keep, span(cleanup.start));
  }

  private List<Assignment> assignments(List<GqParser.AssignmentContext> contexts) {
    List<Assignment> assignments = new ArrayList<>();
    for (GqParser.AssignmentContext ctx : contexts) {
      assignments.add(new Assignment(ctx.ident().getText(), value(ctx.value()), span(ctx.start)));
    }
    return assignments;
  }

  private Predicate predicate(GqParser.PredicateContext ctx) {
    Predicate result = conjunction(ctx.conjunction(0));
    for (int i = 1; i < ctx.conjunction().size(); i++) {
      result = new Or(result, conjunction(ctx.conjunction(i)), span(ctx.start));
    }
    return result;
  }

  private Predicate conjunction(GqParser.ConjunctionContext ctx) {
    Predicate result = predicatePrimary(ctx.predicatePrimary(0));
    for (int i = 1; i < ctx.predicatePrimary().size(); i++) {
      result = new And(result, predicatePrimary(ctx.predicatePrimary(i)), span(ctx.start));
    }
    return result;
  }

  private Predicate predicatePrimary(GqParser.PredicatePrimaryContext ctx) {
    if (ctx instanceof GqParser.NotPredicateContext not) {
      return new Not(predicatePrimary(not.predicatePrimary()), span(not.start));
    }
    if (ctx instanceof GqParser.ParenthesizedPredicateContext parenthesized) {
      return predicate(parenthesized.predicate());
    }
    if (ctx instanceof GqParser.TextComparisonContext text) {
      Token operator = text.textOperator().start;
      throw at(operator, "operator '" + operator.getText()
          + "' is not allowed in a mutation predicate, expected one of =, !=, <, <=, >, >=");
    }
    GqParser.ComparisonContext comparison = (GqParser.ComparisonContext) ctx;
    return new Comparison(comparison.ident().getText(),
        Operator.fromSymbol(comparison.comparisonOperator().getText()),
        value(comparison.value()), span(comparison.start));
  }

  // ------------------------------------------------------------------ values

  private Value value(GqParser.ValueContext ctx) {
    if (ctx.literal() != null) {
      return literal(ctx.literal());
    }
    if (ctx.VARIABLE() != null) {
      return namedParameter(ctx.VARIABLE().getSymbol());
    }
    if (ctx.QUESTION() != null) {
      return positionalParameter(ctx.QUESTION().getSymbol());
    }
    return new Now(span(ctx.start));
  }

  private static Literal literal(GqParser.LiteralContext ctx) {
    if (ctx.scalarLiteral() != null) {
      return scalarLiteral(ctx.scalarLiteral());
    }
    List<Literal> elements = new ArrayList<>();
    for (GqParser.ScalarLiteralContext element : ctx.listLiteral().scalarLiteral()) {
      elements.add(scalarLiteral(element));
    }
    return new ListLiteral(elements, span(ctx.start));
  }

  private static Literal scalarLiteral(GqParser.ScalarLiteralContext ctx) {
    Token start = ctx.start;
    if (ctx instanceof GqParser.StringLiteralContext) {
      return new StringLiteral(string(start), span(start));
    }
    if (ctx instanceof GqParser.IntegerLiteralContext) {
      return new IntegerLiteral(new BigInteger(start.getText()), span(start));
    }
    if (ctx instanceof GqParser.FloatLiteralContext) {
      return new FloatLiteral(new BigDecimal(start.getText()), span(start));
    }
    if (ctx instanceof GqParser.BoolLiteralContext) {
      return new BoolLiteral(start.getType() == GqParser.TRUE, span(start));
    }
    if (ctx instanceof GqParser.DateLiteralContext date) {
      return new DateLiteral(string(date.STRING().getSymbol()), span(start));
    }
    GqParser.DateTimeLiteralContext dateTime = (GqParser.DateTimeLiteralContext) ctx;
    return new DateTimeLiteral(string(dateTime.STRING().getSymbol()), span(start));
  }

  // ------------------------------------------------------------------ reads

  private MatchQuery matchQuery(GqParser.MatchQueryContext ctx) {
    Set<String> bound = new HashSet<>();
    collectBound(ctx.clause(), bound);
    boundVariables = bound;
    try {
      List<Clause> clauses = clauses(ctx.clause());
      List<Projection> projections = new ArrayList<>();
      for (GqParser.ProjectionContext projection : ctx.returnClause().projection()) {
        Optional<String> alias = projection.ident() == null ? Optional.empty() : Optional.of(projection.ident().getText());
        projections.add(new Projection(expression(projection.expression()), alias, span(projection.start)));
      }
      List<Ordering> orderings = new ArrayList<>();
      if (ctx.orderClause() != null) {
        for (GqParser.OrderingContext ordering : ctx.orderClause().ordering()) {
          Ordering.Direction direction = ordering.direction != null && ordering.direction.getType() == GqParser.DESC
              ? Ordering.Direction.DESC
              : Ordering.Direction.ASC;
          orderings.add(new Ordering(expression(ordering.expression()), direction, span(ordering.start)));
        }
      }
      OptionalLong limit = ctx.limitClause() == null
          ? OptionalLong.empty()
          : OptionalLong.of(longValue(ctx.limitClause().INTEGER().getSymbol(), "limit"));
      return new MatchQuery(clauses, projections, orderings, limit, span(ctx.start));
    } finally {
      boundVariables = Set.of();
    }
  }

  private static void collectBound(List<GqParser.ClauseContext> clauses, Set<String> bound) {
    for (GqParser.ClauseContext clause : clauses) {
      if (clause.binding() != null) {
        bound.add(variableName(clause.binding().VARIABLE().getSymbol()));
      } else if (clause.traversal() != null) {
        GqParser.TraversalContext traversal = clause.traversal();
        bound.add(variableName(traversal.source));
        bound.add(variableName(traversal.target));
        if (traversal.edgeVariable != null) {
          bound.add(variableName(traversal.edgeVariable));
        }
      } else if (clause.negation() != null) {
        collectBound(clause.negation().clause(), bound);
      }
    }
  }

  private List<Clause> clauses(List<GqParser.ClauseContext> contexts) {
    List<Clause> clauses = new ArrayList<>();
    for (GqParser.ClauseContext ctx : contexts) {
      clauses.add(clause(ctx));
    }
    return clauses;
  }

  private Clause clause(GqParser.ClauseContext ctx) {
    if (ctx.negation() != null) {
      return new Negation(clauses(ctx.negation().clause()), span(ctx.start));
    }
    if (ctx.binding() != null) {
      GqParser.BindingContext binding = ctx.binding();
      List<PropertyMatch> properties = new ArrayList<>();
      for (GqParser.PropertyMatchContext match : binding.propertyMatch()) {
        properties.add(new PropertyMatch(match.ident().getText(), matchValue(match.value()), span(match.start)));
      }
      return new Binding(variableName(binding.VARIABLE().getSymbol()), binding.TYPE_NAME().getText(), properties,
          span(binding.start));
    }
    if (ctx.traversal() != null) {
      return traversal(ctx.traversal());
    }
    GqParser.FilterContext filter = ctx.filter();
    return new Filter(expression(filter.expression(0)), Operator.fromSymbol(filter.filterOperator().getText()),
        expression(filter.expression(1)), span(filter.start));
  }

  private Expression matchValue(GqParser.ValueContext ctx) {
    if (ctx.VARIABLE() != null && boundVariables.contains(variableName(ctx.VARIABLE().getSymbol()))) {
      return new VariableReference(variableName(ctx.VARIABLE().getSymbol()), span(ctx.start));
    }
    return value(ctx);
  }

  private static Traversal traversal(GqParser.TraversalContext ctx) {
    boolean undirected = ctx.undirected != null;
    String edge = undirected ? ctx.undirected.getText() : ctx.directed.getText();
    int min = 1;
    OptionalInt max = OptionalInt.of(1);
    if (ctx.bounds() != null) {
      min = intValue(ctx.bounds().min, "traversal bound");
      max = ctx.bounds().max == null ? OptionalInt.empty() : OptionalInt.of(intValue(ctx.bounds().max, "traversal bound"));
    }
    Optional<String> edgeVariable = ctx.edgeVariable == null ? Optional.empty() : Optional.of(variableName(ctx.edgeVariable));
    return new Traversal(variableName(ctx.source), edgeVariable, edge, undirected, min, max,
        variableName(ctx.target), span(ctx.start));
  }

  private Expression expression(GqParser.ExpressionContext ctx) {
    if (ctx instanceof GqParser.AggregateExpressionContext aggregate) {
      AggregateFunction function = AggregateFunction.valueOf(aggregate.function.getText().toUpperCase(java.util.Locale.ROOT));
      return new Aggregate(function, expression(aggregate.expression()), span(ctx.start));
    }
    if (ctx instanceof GqParser.NowExpressionContext) {
      return new Now(span(ctx.start));
    }
    if (ctx instanceof GqParser.PropertyExpressionContext property) {
      return new PropertyAccess(variableName(property.VARIABLE().getSymbol()), property.ident().getText(), span(ctx.start));
    }
    if (ctx instanceof GqParser.VariableExpressionContext variable) {
      Token token = variable.VARIABLE().getSymbol();
      if (boundVariables.contains(variableName(token))) {
        return new VariableReference(variableName(token), span(token));
      }
      return namedParameter(token);
    }
    if (ctx instanceof GqParser.PositionalExpressionContext) {
      return positionalParameter(ctx.start);
    }
    if (ctx instanceof GqParser.LiteralExpressionContext literal) {
      return literal(literal.literal());
    }
    return new AliasReference(ctx.getText(), span(ctx.start));
  }

  // ------------------------------------------------------------------ parameters and tokens

  private Parameter namedParameter(Token token) {
    if (!positional.isEmpty()) {
      throw mixedParameters(token);
    }
    String name = variableName(token);
    Parameter first = named.get(name);
    if (first == null) {
      first = Parameter.named(name, named.size() + 1, span(token));
      named.put(name, first);
      return first;
    }
    return Parameter.named(name, first.index(), span(token));
  }

  private Parameter positionalParameter(Token token) {
    if (!named.isEmpty()) {
      throw mixedParameters(token);
    }
    Parameter parameter = Parameter.positional(positional.size() + 1, span(token));
    positional.add(parameter);
    return parameter;
  }

  private static SyntaxError mixedParameters(Token token) {
    return at(token, "parameter " + SyntaxErrors.quote(token.getText())
        + " mixes '?' placeholders with named parameters, use one style per statement text");
  }

  private static String variableName(Token token) {
    return token.getText().substring(1);
  }

  private static int intValue(Token token, String what) {
    long value = longValue(token, what);
    if (value > Integer.MAX_VALUE) {
      throw at(token, what + " '" + token.getText() + "' is out of range");
    }
    return (int) value;
  }

  private static long longValue(Token token, String what) {
    try {
      return Long.parseLong(token.getText());
    } catch (NumberFormatException e) {
      throw at(token, what + " '" + token.getText() + "' is out of range");
    }
  }

  /** The value of a STRING token: quotes removed, the five escapes resolved (the lexer admits no others). */
  private static String string(Token token) {
    String text = token.getText();
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = text.charAt(++i);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        default -> out.append(escaped);
      }
    }
    return out.toString();
  }
}
