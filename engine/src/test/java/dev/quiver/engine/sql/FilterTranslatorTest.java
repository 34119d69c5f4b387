package dev.quiver.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.quiver.engine.catalog.CatalogBuilder;
import dev.quiver.engine.storage.Filter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.junit.jupiter.api.Test;

/** Which predicates reach storage, and in what form: only those whose storage filter means the same. */
class FilterTranslatorTest {
  private static final JavaTypeFactoryImpl TYPES = new JavaTypeFactoryImpl(QuiverTypeSystem.INSTANCE);
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final GraphTable THING =
      new GraphTable(
          CatalogBuilder.build(
                  "node Thing { name: String @key  age: I32?  u64: U64?  f32: F32?  f64: F64?  born: Date?  ok: Bool? }")
              .node("Thing")
              .orElseThrow());
  private static final RelDataType ROW = THING.getRowType(TYPES);

  private static RexNode column(String name) {
    return REX.makeInputRef(ROW, ROW.getField(name, false, false).getIndex());
  }

  private static RexNode number(String value) {
    return REX.makeExactLiteral(new BigDecimal(value));
  }

  private static RexNode call(org.apache.calcite.sql.SqlOperator op, RexNode... operands) {
    return REX.makeCall(op, operands);
  }

  private static Optional<Filter> translate(RexNode node) {
    return new FilterTranslator(THING.columns(), FilterTranslator.placeholders()).translate(node);
  }

  private static Optional<Filter> translateWith(RexNode node, Object parameterValue) {
    return new FilterTranslator(THING.columns(), p -> Optional.ofNullable(parameterValue)).translate(node);
  }

  @Test
  void aComparisonWithALiteralOfTheColumnsTypeIsPushed() {
    assertEquals(
        Optional.of(new Filter.Compare("age", Filter.Op.EQ, 30L)),
        translate(call(SqlStdOperatorTable.EQUALS, column("age"), number("30"))));
    assertEquals(
        Optional.of(new Filter.Compare("name", Filter.Op.NE, "O'Brien")),
        translate(call(SqlStdOperatorTable.NOT_EQUALS, column("name"), REX.makeLiteral("O'Brien"))));
    assertEquals(
        Optional.of(new Filter.Compare("born", Filter.Op.GE, LocalDate.of(2020, 1, 1))),
        translate(call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, column("born"), REX.makeDateLiteral(new DateString("2020-01-01")))));
  }

  @Test
  void aLiteralOnTheLeftMirrorsTheOperator() {
    assertEquals(
        Optional.of(new Filter.Compare("age", Filter.Op.GT, 26L)),
        translate(call(SqlStdOperatorTable.LESS_THAN, number("26"), column("age"))));
  }

  @Test
  void inexactComparisonsStayWithCalcite() {
    assertEquals(Optional.empty(), translate(call(SqlStdOperatorTable.GREATER_THAN, column("age"), number("26.5"))));
    assertEquals(
        Optional.empty(),
        translate(call(SqlStdOperatorTable.EQUALS, column("u64"), number("18446744073709551615"))));
    assertEquals(Optional.empty(), translate(call(SqlStdOperatorTable.EQUALS, column("f32"), number("1.5"))));
    RexNode cast = REX.makeCast(TYPES.createSqlType(SqlTypeName.BIGINT), column("age"));
    assertEquals(Optional.empty(), translate(call(SqlStdOperatorTable.EQUALS, cast, number("5"))));
    assertEquals(
        Optional.empty(),
        translate(call(SqlStdOperatorTable.EQUALS, call(SqlStdOperatorTable.UPPER, column("name")), REX.makeLiteral("A"))));
    assertEquals(
        Optional.of(new Filter.Compare("u64", Filter.Op.EQ, 5L)),
        translate(call(SqlStdOperatorTable.EQUALS, column("u64"), number("5"))));
    assertEquals(
        Optional.of(new Filter.Compare("f64", Filter.Op.LT, 0.1)),
        translate(call(SqlStdOperatorTable.LESS_THAN, column("f64"), number("0.1"))));
  }

  @Test
  void inListsBecomeOneInFilter() {
    RexNode in = REX.makeIn(column("age"), List.of(number("1"), number("2"), number("3")));
    assertEquals(Optional.of(new Filter.In("age", List.of(1L, 2L, 3L))), translate(in));
  }

  @Test
  void nullTestsBooleansAndIsNotTrueArePushed() {
    assertEquals(Optional.of(new Filter.IsNull("age")), translate(call(SqlStdOperatorTable.IS_NULL, column("age"))));
    assertEquals(
        Optional.of(new Filter.Not(new Filter.IsNull("age"))),
        translate(call(SqlStdOperatorTable.IS_NOT_NULL, column("age"))));
    assertEquals(Optional.of(new Filter.Compare("ok", Filter.Op.EQ, true)), translate(column("ok")));
    RexNode eq = call(SqlStdOperatorTable.EQUALS, column("name"), REX.makeLiteral("x"));
    assertEquals(
        Optional.of(new Filter.IsNotTrue(new Filter.Compare("name", Filter.Op.EQ, "x"))),
        translate(call(SqlStdOperatorTable.IS_NOT_TRUE, eq)));
    assertEquals(
        Optional.of(new Filter.Not(new Filter.Compare("name", Filter.Op.EQ, "x"))),
        translate(call(SqlStdOperatorTable.NOT, eq)));
  }

  @Test
  void parametersResolveToTheirValuesAndNullStaysWithCalcite() {
    RelDataType integer = TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.INTEGER), true);
    RexNode eq = call(SqlStdOperatorTable.EQUALS, column("age"), REX.makeDynamicParam(integer, 0));
    assertEquals(Optional.of(new Filter.Compare("age", Filter.Op.EQ, 7L)), translateWith(eq, 7));
    assertEquals(Optional.empty(), translateWith(eq, null));
    assertEquals(
        Optional.of(new Filter.Compare("age", Filter.Op.EQ, new FilterTranslator.ParameterMarker(0))), translate(eq));
  }

  @Test
  void aConjunctionPushesWhatItCanButIsConsumedOnlyWhenWhole() {
    RexNode eq = call(SqlStdOperatorTable.EQUALS, column("name"), REX.makeLiteral("a"));
    RexNode like = call(SqlStdOperatorTable.LIKE, column("name"), REX.makeLiteral("a%"));
    RexNode partial = call(SqlStdOperatorTable.AND, eq, like);
    RexNode whole = call(SqlStdOperatorTable.IS_NULL, column("age"));
    List<RexNode> filters = new ArrayList<>(List.of(partial, whole));
    FilterTranslator.Pushdown pushdown = new FilterTranslator(THING.columns(), FilterTranslator.placeholders()).translate(filters);
    assertEquals(
        new Filter.And(List.of(new Filter.Compare("name", Filter.Op.EQ, "a"), new Filter.IsNull("age"))),
        pushdown.filter());
    assertEquals(List.of(whole), pushdown.consumed());
    assertNull(new FilterTranslator(THING.columns(), FilterTranslator.placeholders()).translate(List.of(like)).filter());
  }

  @Test
  void explainRendersFiltersReadably() {
    Filter filter =
        new Filter.And(
            List.of(
                new Filter.In("name", List.of("a'b", "c")),
                new Filter.IsNotTrue(new Filter.Compare("age", Filter.Op.LT, new FilterTranslator.ParameterMarker(1)))));
    assertEquals("(name IN ('a''b', 'c')) AND ((age < ?1) IS NOT TRUE)", FilterText.render(filter));
  }
}
