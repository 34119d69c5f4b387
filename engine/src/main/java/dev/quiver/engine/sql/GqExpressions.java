package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.grammar.ast.AliasReference;
import dev.quiver.grammar.ast.Aggregate;
import dev.quiver.grammar.ast.BoolLiteral;
import dev.quiver.grammar.ast.DateLiteral;
import dev.quiver.grammar.ast.DateTimeLiteral;
import dev.quiver.grammar.ast.Expression;
import dev.quiver.grammar.ast.FloatLiteral;
import dev.quiver.grammar.ast.IntegerLiteral;
import dev.quiver.grammar.ast.ListLiteral;
import dev.quiver.grammar.ast.Now;
import dev.quiver.grammar.ast.Operator;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.PropertyAccess;
import dev.quiver.grammar.ast.SourceSpan;
import dev.quiver.grammar.ast.StringLiteral;
import dev.quiver.grammar.ast.VariableReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Turns {@code .gq} expressions into Calcite row expressions over a block's relation, checking types as the
 * reference typechecker does (T6, T7, T24): comparisons need scalar operands of one family (numbers with
 * numbers, strings with strings, dates with dates, timestamps with timestamps); {@code contains} is a
 * substring test on strings and membership on list properties; {@code starts_with} a prefix test. A
 * parameter takes the type of what it is compared with, the first time it is; {@code now()} is the last
 * parameter, bound once per statement text.
 */
final class GqExpressions {
  /** Type families that may be compared with each other. */
  enum Family {
    NUMBER,
    STRING,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    LIST,
    BINARY
  }

  private final RexBuilder rex;
  private final RelDataTypeFactory types;
  private final RelDataType[] parameterTypes;
  private final int nowIndex;

  GqExpressions(RexBuilder rex, int parameterCount) {
    this.rex = requireNonNull(rex, "rex is null");
    this.types = rex.getTypeFactory();
    this.parameterTypes = new RelDataType[parameterCount + 1];
    this.nowIndex = parameterCount;
    parameterTypes[nowIndex] = nullable(types.createSqlType(SqlTypeName.TIMESTAMP, 3));
  }

  /** The type of each parameter, then of {@code now()}; a parameter no comparison typed is a VARCHAR. */
  List<RelDataType> parameterTypes() {
    List<RelDataType> out = new ArrayList<>(Arrays.asList(parameterTypes));
    out.replaceAll(type -> type == null ? nullable(types.createSqlType(SqlTypeName.VARCHAR)) : type);
    return List.copyOf(out);
  }

  /** An operand in the context of a block relation of {@code rowType}; {@code hint} types parameters. */
  RexNode operand(Expression expression, GqScope scope, RelDataType rowType, RelDataType hint) {
    if (expression instanceof PropertyAccess access) {
      GqScope.Variable variable = scope.require(access.variable(), access.span());
      TableColumn column = column(variable, access.property(), access.span());
      int index = variable.column(column.name());
      return rex.makeInputRef(rowType.getFieldList().get(index).getType(), index);
    } else if (expression instanceof VariableReference reference) {
      GqScope.Variable variable = scope.require(reference.variable(), reference.span());
      if (variable.isEdge()) {
        throw GqCompiler.error(
            ErrorCode.RULE_VIOLATION,
            "edge variable '$" + variable.name() + "' cannot be used bare; use one of its properties", reference.span());
      }
      int index = variable.offset();
      return rex.makeInputRef(rowType.getFieldList().get(index).getType(), index);
    } else if (expression instanceof Parameter parameter) {
      return parameter(parameter, hint);
    } else if (expression instanceof Now) {
      return rex.makeDynamicParam(parameterTypes[nowIndex], nowIndex);
    } else if (expression instanceof StringLiteral text) {
      return rex.makeLiteral(text.value());
    } else if (expression instanceof IntegerLiteral integer) {
      return rex.makeExactLiteral(new BigDecimal(integer.value()));
    } else if (expression instanceof FloatLiteral number) {
      return rex.makeApproxLiteral(number.value());
    } else if (expression instanceof BoolLiteral bool) {
      return rex.makeLiteral(bool.value());
    } else if (expression instanceof DateLiteral date) {
      try {
        return rex.makeDateLiteral(DateString.fromDaysSinceEpoch((int) LocalDate.parse(date.text()).toEpochDay()));
      } catch (DateTimeParseException e) {
        throw GqCompiler.error(ErrorCode.INVALID_DATE, "'" + date.text() + "' is not a date (yyyy-mm-dd)", date.span());
      }
    } else if (expression instanceof DateTimeLiteral dateTime) {
      try {
        Instant instant = OffsetDateTime.parse(dateTime.text()).toInstant();
        return rex.makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(instant.toEpochMilli()), 3);
      } catch (DateTimeParseException e) {
        throw GqCompiler.error(
            ErrorCode.INVALID_DATE, "'" + dateTime.text() + "' is not a date-time (RFC 3339)", dateTime.span());
      }
    } else if (expression instanceof ListLiteral list) {
      throw GqCompiler.error(ErrorCode.INVALID_VALUE, "list literals cannot be compared or returned", list.span());
    } else if (expression instanceof AliasReference alias) {
      throw GqCompiler.error(
          ErrorCode.RULE_VIOLATION, "'" + alias.alias() + "' is not a variable; write $" + alias.alias(), alias.span());
    } else if (expression instanceof Aggregate aggregate) {
      throw GqCompiler.error(
          ErrorCode.RULE_VIOLATION,
          "aggregate " + aggregate.function().keyword() + "(…) is only allowed in return and order", aggregate.span());
    }
    throw new IllegalStateException("unknown expression " + expression);
  }

  /** The column a property access names: UNKNOWN_PROPERTY (T6) when the type has no such property. */
  static TableColumn column(GqScope.Variable variable, String property, SourceSpan span) {
    for (TableColumn column : TableColumn.of(variable.type())) {
      if (column.name().equals(property) && variable.type().property(property).isPresent()) {
        return column;
      }
    }
    throw GqCompiler.error(
        ErrorCode.UNKNOWN_PROPERTY,
        (variable.isEdge() ? "edge" : "node") + " type '" + variable.type().name() + "' has no property '" + property
            + "'",
        span);
  }

  private RexNode parameter(Parameter parameter, RelDataType hint) {
    int index = parameter.index() - 1;
    if (parameterTypes[index] == null && hint != null) {
      parameterTypes[index] = nullable(hint);
    }
    RelDataType type = parameterTypes[index] == null ? nullable(types.createSqlType(SqlTypeName.VARCHAR)) : parameterTypes[index];
    if (parameterTypes[index] == null) {
      parameterTypes[index] = type;
    }
    return rex.makeDynamicParam(type, index);
  }

  /** {@code left op right} as a filter condition. */
  RexNode filter(Expression left, Operator operator, Expression right, GqScope scope, RelDataType rowType, SourceSpan span) {
    // Type the side that is not a parameter first, so the parameter can take its type.
    RexNode l;
    RexNode r;
    if (left instanceof Parameter && !(right instanceof Parameter)) {
      r = operand(right, scope, rowType, null);
      l = operand(left, scope, rowType, parameterHint(operator, r.getType(), false));
    } else {
      l = operand(left, scope, rowType, null);
      r = operand(right, scope, rowType, parameterHint(operator, l.getType(), true));
    }
    return condition(l, operator, r, span);
  }

  /** The type a parameter gets from the other operand of {@code operator}. */
  private RelDataType parameterHint(Operator operator, RelDataType other, boolean otherIsLeft) {
    if (operator == Operator.CONTAINS && otherIsLeft && other.getSqlTypeName() == SqlTypeName.ARRAY) {
      return other.getComponentType();
    }
    if (operator == Operator.CONTAINS || operator == Operator.STARTS_WITH) {
      return types.createSqlType(SqlTypeName.VARCHAR);
    }
    return other;
  }

  /** The condition {@code l op r}, type-checked (T7). */
  RexNode condition(RexNode l, Operator operator, RexNode r, SourceSpan span) {
    Family left = family(l.getType());
    Family right = family(r.getType());
    switch (operator) {
      case CONTAINS:
        if (left == Family.LIST) {
          RelDataType element = l.getType().getComponentType();
          if (family(element) != right) {
            throw typeError("contains", l.getType(), r.getType(), span);
          }
          return rex.makeCall(SqlLibraryOperators.ARRAY_CONTAINS, l, coerce(r, element));
        }
        requireStrings("contains", l, r, span);
        return rex.makeCall(
            SqlStdOperatorTable.GREATER_THAN,
            rex.makeCall(SqlStdOperatorTable.POSITION, r, l),
            rex.makeExactLiteral(BigDecimal.ZERO));
      case STARTS_WITH:
        requireStrings("starts_with", l, r, span);
        return rex.makeCall(
            SqlStdOperatorTable.EQUALS,
            rex.makeCall(SqlStdOperatorTable.POSITION, r, l),
            rex.makeExactLiteral(BigDecimal.ONE));
      case EQUAL:
      case NOT_EQUAL:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        if (left != right || left == Family.LIST || left == Family.BINARY) {
          throw typeError(operator.symbol(), l.getType(), r.getType(), span);
        }
        RelDataType common = types.leastRestrictive(List.of(l.getType(), r.getType()));
        return rex.makeCall(comparison(operator), coerce(l, common), coerce(r, common));
    }
    throw new IllegalStateException("unknown operator " + operator);
  }

  /** The membership or equality test of a binding's {@code prop: value}. */
  RexNode propertyMatch(RexNode column, RexNode value, SourceSpan span) {
    return condition(column, column.getType().getSqlTypeName() == SqlTypeName.ARRAY ? Operator.CONTAINS : Operator.EQUAL, value, span);
  }

  private void requireStrings(String operator, RexNode l, RexNode r, SourceSpan span) {
    if (family(l.getType()) != Family.STRING || family(r.getType()) != Family.STRING) {
      throw typeError(operator, l.getType(), r.getType(), span);
    }
  }

  private RexNode coerce(RexNode node, RelDataType type) {
    if (node.getType().getSqlTypeName() == type.getSqlTypeName()
        && node.getType().getPrecision() == type.getPrecision()
        && node.getType().getScale() == type.getScale()) {
      return node;
    }
    return rex.makeCast(types.createTypeWithNullability(type, node.getType().isNullable()), node, true, false);
  }

  private static org.apache.calcite.sql.SqlOperator comparison(Operator operator) {
    return switch (operator) {
      case EQUAL -> SqlStdOperatorTable.EQUALS;
      case NOT_EQUAL -> SqlStdOperatorTable.NOT_EQUALS;
      case LESS_THAN -> SqlStdOperatorTable.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> SqlStdOperatorTable.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
      case CONTAINS, STARTS_WITH -> throw new IllegalArgumentException(operator + " is not a comparison");
    };
  }

  private static dev.quiver.engine.GraphException typeError(String operator, RelDataType l, RelDataType r, SourceSpan span) {
    return GqCompiler.error(
        ErrorCode.INVALID_VALUE,
        "cannot apply '" + operator + "' to " + describe(l) + " and " + describe(r), span);
  }

  static String describe(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.ARRAY
        ? "ARRAY of " + type.getComponentType().getSqlTypeName()
        : type.getSqlTypeName().getName();
  }

  static Family family(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case DECIMAL:
      case REAL:
      case FLOAT:
      case DOUBLE:
        return Family.NUMBER;
      case CHAR:
      case VARCHAR:
        return Family.STRING;
      case BOOLEAN:
        return Family.BOOLEAN;
      case DATE:
        return Family.DATE;
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return Family.TIMESTAMP;
      case ARRAY:
        return Family.LIST;
      default:
        return Family.BINARY;
    }
  }

  /** Whether a property is a Blob, which reads never return, sort or aggregate (T24). */
  static boolean isBlob(TableColumn column) {
    return column.type() instanceof PropertyType.Scalar scalar && scalar.kind() == ScalarKind.BLOB;
  }

  private RelDataType nullable(RelDataType type) {
    return types.createTypeWithNullability(type, true);
  }
}
