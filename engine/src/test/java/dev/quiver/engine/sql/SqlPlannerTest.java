package dev.quiver.engine.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.CatalogBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing, validation, refusal and planning of SQL texts against a catalog; no storage involved. */
class SqlPlannerTest {
  private static final Catalog SOCIAL =
      CatalogBuilder.build(
          "node Person { name: String @key  age: I32? }\n"
              + "node Company { name: String @key }\n"
              + "edge Knows: Person -> Person { since: Date? }\n"
              + "edge WorksAt: Person -> Company");
  private final SqlEngine engine = new SqlEngine();

  private GraphException fails(String sql) {
    return assertThrows(GraphException.class, () -> engine.plan(sql, SOCIAL));
  }

  @Test
  void everyKindOfWriteIsRefusedAsReadOnly() {
    for (String sql :
        List.of(
            "insert into Person values ('a', 'a', 1)",
            "UPDATE Person SET age = 2",
            "DELETE FROM Knows",
            "-- comment\nCREATE TABLE x (a INT)",
            "(DROP TABLE Person)",
            "ALTER TABLE Person ADD COLUMN x INT",
            "TRUNCATE TABLE Person",
            "EXPLAIN PLAN FOR UPDATE Person SET age = 2")) {
      GraphException e = fails(sql);
      assertEquals(ErrorCode.UNSUPPORTED, e.code(), sql);
      assertTrue(e.getMessage().endsWith(SqlEngine.READ_ONLY_HINT), e.getMessage());
    }
  }

  @Test
  void aSyntaxErrorNamesLineColumnAndWhatWasExpected() {
    GraphException e = fails("SELECT name\n  FROM Person\n WHERE age >");
    assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
    assertEquals(3, e.line());
    assertTrue(e.column() > 0);
    assertTrue(e.getMessage().contains("expected one of"), e.getMessage());
    GraphException typo = fails("SELEC name FROM Person");
    assertEquals(1, typo.line());
    assertEquals(1, typo.column());
  }

  @Test
  void unknownNamesAreReportedAsUnknownTypeOrProperty() {
    GraphException type = fails("SELECT * FROM Persons");
    assertEquals(ErrorCode.UNKNOWN_TYPE, type.code());
    assertTrue(type.getMessage().contains("Persons"), type.getMessage());
    assertEquals(ErrorCode.UNKNOWN_TYPE, fails("SELECT * FROM quiver.nothing").code());
    GraphException property = fails("SELECT p.agee FROM Person p");
    assertEquals(ErrorCode.UNKNOWN_PROPERTY, property.code());
    assertEquals(1, property.line());
    assertEquals(10, property.column()); // the unknown name itself, after "p."
    assertEquals(ErrorCode.RULE_VIOLATION, fails("SELECT name, COUNT(*) FROM Person").code());
  }

  @Test
  void parameterTypesAreInferredFromTheirColumns() {
    SqlPlanner.Plan plan = engine.plan("SELECT name FROM Person WHERE age > ? AND name <> ?", SOCIAL);
    assertEquals(
        List.of("INTEGER", "VARCHAR"),
        plan.parameterTypes().stream().map(t -> t.getSqlTypeName().getName()).toList());
    GraphException e =
        assertThrows(GraphException.class, () -> SqlParameters.bind(Arrays.asList(1L << 40, "x"), plan.parameterTypes()));
    assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, e.code());
    assertEquals(
        ErrorCode.INVALID_VALUE,
        assertThrows(GraphException.class, () -> SqlParameters.bind(List.of(1), plan.parameterTypes())).code());
  }

  @Test
  void plansAreCachedPerTextAndCatalog() {
    SqlPlanner.Plan first = engine.plan("SELECT COUNT(*) FROM Person", SOCIAL);
    assertSame(first, engine.plan("SELECT COUNT(*) FROM Person", SOCIAL));
    Catalog other = CatalogBuilder.build("node Person { name: String @key }");
    assertTrue(first != engine.plan("SELECT COUNT(*) FROM Person", other));
  }

  @Test
  void aTrailingSemicolonIsAccepted() {
    assertEquals(1, engine.plan("SELECT name FROM Person;  ", SOCIAL).columns().size());
  }

  @Test
  void theFirstWordSkipsCommentsAndParentheses() {
    assertEquals("drop", SqlPlanner.firstWord(" /* x */ -- y\n ( drop table t"));
    assertEquals("", SqlPlanner.firstWord("   "));
  }
}
