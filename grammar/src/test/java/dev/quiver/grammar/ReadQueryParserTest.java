package dev.quiver.grammar;

import static dev.quiver.grammar.MutationParserTest.at;
import static dev.quiver.grammar.MutationParserTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.grammar.ast.Aggregate;
import dev.quiver.grammar.ast.AggregateFunction;
import dev.quiver.grammar.ast.AliasReference;
import dev.quiver.grammar.ast.Binding;
import dev.quiver.grammar.ast.Filter;
import dev.quiver.grammar.ast.IntegerLiteral;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Negation;
import dev.quiver.grammar.ast.Now;
import dev.quiver.grammar.ast.Operator;
import dev.quiver.grammar.ast.Ordering;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.Projection;
import dev.quiver.grammar.ast.PropertyAccess;
import dev.quiver.grammar.ast.PropertyMatch;
import dev.quiver.grammar.ast.StringLiteral;
import dev.quiver.grammar.ast.Traversal;
import dev.quiver.grammar.ast.VariableReference;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReadQueryParserTest {

  private static MatchQuery match(String text) {
    return (MatchQuery) only(text);
  }

  @Test
  void specWorkedExample() {
    MatchQuery query = match("match { $p: Person { name: \"Alice\" }  $p knows $f } return { $f.name }");
    assertEquals(new MatchQuery(
        List.of(
            new Binding("p", "Person",
                List.of(new PropertyMatch("name", new StringLiteral("Alice", at(1, 28)), at(1, 22))), at(1, 9)),
            new Traversal("p", Optional.empty(), "knows", false, 1, OptionalInt.of(1), "f", at(1, 39))),
        List.of(new Projection(new PropertyAccess("f", "name", at(1, 62)), Optional.empty(), at(1, 62))),
        List.of(), OptionalLong.empty(), at(1, 1)), query);
  }

  @Test
  void traversalForms() {
    MatchQuery query = match("match { $a knows{1,3} $b  $a <knows> $c  $a <knows> {2,} $d  $a $w:worksAt $e  $a $_:knows $_ }"
        + " return { $a }");
    assertEquals(List.of(
        new Traversal("a", Optional.empty(), "knows", false, 1, OptionalInt.of(3), "b", at(1, 9)),
        new Traversal("a", Optional.empty(), "knows", true, 1, OptionalInt.of(1), "c", at(1, 27)),
        new Traversal("a", Optional.empty(), "knows", true, 2, OptionalInt.empty(), "d", at(1, 42)),
        new Traversal("a", Optional.of("w"), "worksAt", false, 1, OptionalInt.of(1), "e", at(1, 62)),
        new Traversal("a", Optional.of("_"), "knows", false, 1, OptionalInt.of(1), "_", at(1, 80))),
        query.clauses());
  }

  @Test
  void filtersNegationAndParameters() {
    MatchQuery query = match("match {\n"
        + "  $p: Person\n"
        + "  $p.age >= $min\n"
        + "  $p.name contains \"li\"\n"
        + "  $p.name starts_with $prefix\n"
        + "  not { $p knows $q  $q.age < 18 }\n"
        + "  $p.born < now()\n"
        + "}\n"
        + "return { $p.name as who, $p }");
    assertEquals(List.of(
        new Binding("p", "Person", List.of(), at(2, 3)),
        new Filter(new PropertyAccess("p", "age", at(3, 3)), Operator.GREATER_THAN_OR_EQUAL,
            Parameter.named("min", 1, at(3, 13)), at(3, 3)),
        new Filter(new PropertyAccess("p", "name", at(4, 3)), Operator.CONTAINS,
            new StringLiteral("li", at(4, 20)), at(4, 3)),
        new Filter(new PropertyAccess("p", "name", at(5, 3)), Operator.STARTS_WITH,
            Parameter.named("prefix", 2, at(5, 23)), at(5, 3)),
        new Negation(List.of(
            new Traversal("p", Optional.empty(), "knows", false, 1, OptionalInt.of(1), "q", at(6, 9)),
            new Filter(new PropertyAccess("q", "age", at(6, 22)), Operator.LESS_THAN,
                new IntegerLiteral(BigInteger.valueOf(18), at(6, 31)), at(6, 22))), at(6, 3)),
        new Filter(new PropertyAccess("p", "born", at(7, 3)), Operator.LESS_THAN, new Now(at(7, 13)), at(7, 3))),
        query.clauses());
    assertEquals(List.of(
        new Projection(new PropertyAccess("p", "name", at(9, 10)), Optional.of("who"), at(9, 10)),
        new Projection(new VariableReference("p", at(9, 26)), Optional.empty(), at(9, 26))),
        query.projections());
  }

  @Test
  void bindingPropertyMatchMayReferToABoundVariable() {
    MatchQuery query = match("match { $a: Person $b: Person { name: $a } } return { $b }");
    Binding binding = (Binding) query.clauses().get(1);
    assertEquals(new VariableReference("a", at(1, 39)), binding.properties().get(0).value());
  }

  @Test
  void bareVariableLeftOfContainsIsATraversalOverAnEdgeNamedContains() {
    MatchQuery query = match("match { $a contains $b } return { $a }");
    assertEquals(new Traversal("a", Optional.empty(), "contains", false, 1, OptionalInt.of(1), "b", at(1, 9)),
        query.clauses().get(0));
  }

  @Test
  void aggregatesOrderAndLimit() {
    MatchQuery query = match("match { $p: Person $p worksAt $c } "
        + "return { $c.name, count($p) as n, sum($p.age), avg($p.age), min($p.age), max($p.age) } "
        + "order { n desc, $c.name asc, $c.name } limit 10");
    assertEquals(List.of(
        new Projection(new PropertyAccess("c", "name", at(1, 45)), Optional.empty(), at(1, 45)),
        new Projection(new Aggregate(AggregateFunction.COUNT, new VariableReference("p", at(1, 60)), at(1, 54)),
            Optional.of("n"), at(1, 54)),
        new Projection(new Aggregate(AggregateFunction.SUM, new PropertyAccess("p", "age", at(1, 74)), at(1, 70)),
            Optional.empty(), at(1, 70)),
        new Projection(new Aggregate(AggregateFunction.AVG, new PropertyAccess("p", "age", at(1, 87)), at(1, 83)),
            Optional.empty(), at(1, 83)),
        new Projection(new Aggregate(AggregateFunction.MIN, new PropertyAccess("p", "age", at(1, 100)), at(1, 96)),
            Optional.empty(), at(1, 96)),
        new Projection(new Aggregate(AggregateFunction.MAX, new PropertyAccess("p", "age", at(1, 113)), at(1, 109)),
            Optional.empty(), at(1, 109))),
        query.projections());
    assertEquals(List.of(
        new Ordering(new AliasReference("n", at(1, 131)), Ordering.Direction.DESC, at(1, 131)),
        new Ordering(new PropertyAccess("c", "name", at(1, 139)), Ordering.Direction.ASC, at(1, 139)),
        new Ordering(new PropertyAccess("c", "name", at(1, 152)), Ordering.Direction.ASC, at(1, 152))),
        query.orderings());
    assertEquals(OptionalLong.of(10), query.limit());
  }

  @Test
  void returnCommasAreOptional() {
    MatchQuery query = match("match { $p: Person } return { $p.name $p.age as age }");
    assertEquals(2, query.projections().size());
  }
}
