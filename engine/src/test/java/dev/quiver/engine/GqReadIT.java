package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .gq} reads on the SPEC §10 demo graph: the reference's standard queries, views, parameters, errors. */
class GqReadIT {
  @TempDir Path directory;
  private GraphStore store;
  private Session session;
  private Session other;

  @BeforeEach
  void createDemoGraph() {
    store = TestGraphs.withSchema("social.pg").create(directory);
    session = store.openSession(new SessionOptions("a", Durability.PROCESS, false));
    other = store.openSession(new SessionOptions("b", Durability.PROCESS, false));
    session.execute(MutationsIT.DEMO_DATA, List.of());
  }

  @AfterEach
  void close() {
    other.close();
    session.close();
    store.close();
  }

  @Test
  void lookupReturnsThePropertiesOfOneNode() {
    assertEquals(List.of("Alice|30"), rows("match { $p: Person { name: \"Alice\" } } return { $p.name, $p.age }"));
    assertEquals(List.of("name", "age"), labels("match { $p: Person { name: \"Alice\" } } return { $p.name, $p.age }"));
  }

  @Test
  void filterAndOrder() {
    assertEquals(
        List.of("Charlie|35", "Alice|30"),
        rows("match { $p: Person  $p.age >= 30 } return { $p.name, $p.age } order { $p.age desc }"));
  }

  @Test
  void oneHopFollowsOutEdges() {
    assertEquals(
        List.of("Bob", "Charlie"),
        rows("match { $p: Person { name: \"Alice\" }  $p knows $f } return { $f.name } order { $f.name }"));
    assertEquals(
        List.of("Alice|Bob", "Alice|Charlie", "Bob|Diana"),
        rows("match { $a knows $b } return { $a.name, $b.name as friend } order { $a.name, friend }"));
  }

  @Test
  void reverseHopInfersTheDirectionFromTheBoundType() {
    assertEquals(
        List.of("Alice"),
        rows("match { $c: Company { name: \"Acme\" }  $c worksAt $p } return { $p.name }"));
    assertEquals(
        List.of("Alice"),
        rows("match { $b: Person { name: \"Bob\" }  $a: Person  $a knows $b } return { $a.name }"));
  }

  @Test
  void twoHops() {
    assertEquals(
        List.of("Diana"),
        rows("match { $p: Person { name: \"Alice\" }  $p knows $f  $f knows $g } return { $g.name }"));
  }

  @Test
  void negationIsAnAntiJoin() {
    assertEquals(
        List.of("Charlie", "Diana"),
        rows("match { $p: Person  not { $p knows $_ } } return { $p.name } order { $p.name }"));
    assertEquals(
        List.of("Bob", "Charlie", "Diana"),
        rows("match { $p: Person  not { $p worksAt $c  $c.name = \"Acme\" } } return { $p.name } order { $p.name }"));
  }

  @Test
  void negationWithoutAnOuterVariableIsRejected() {
    GraphException e =
        assertThrows(
            GraphException.class, () -> rows("match { $p: Person\n  not { $x: Person } } return { $p.name }"));
    assertEquals(ErrorCode.RULE_VIOLATION, e.code());
    assertEquals(2, e.line());
    assertEquals(3, e.column());
  }

  @Test
  void perPersonCountsGroupImplicitly() {
    assertEquals(
        List.of("Alice|2", "Bob|1"),
        rows("match { $p: Person  $p knows $f } return { $p.name, count($f) as friends } order { $p.name }"));
    assertEquals(List.of("name", "friends"), labels("match { $p: Person  $p knows $f } return { $p.name, count($f) as friends }"));
  }

  @Test
  void globalCountIsOneRow() {
    assertEquals(List.of("4"), rows("match { $p: Person } return { count($p) }"));
    assertEquals(List.of("count"), labels("match { $p: Person } return { count($p) }"));
    assertEquals(List.of("BIGINT"), types("match { $p: Person } return { count($p) }"));
  }

  @Test
  void perCompanySumAvgMinMax() {
    session.execute("insert Person { name: \"Eve\", age: 40 }\ninsert WorksAt { from: \"Eve\", to: \"Acme\" }", List.of());
    String read =
        "match { $p worksAt $c } return { $c.name, sum($p.age), avg($p.age), min($p.age), max($p.age) } order { $c.name }";
    assertEquals(List.of("Acme|70.0|35.0|30|40", "Globex|25.0|25.0|25|25"), rows(read));
    assertEquals(List.of("VARCHAR", "DOUBLE", "DOUBLE", "INTEGER", "INTEGER"), types(read));
    assertEquals(List.of("name", "sum", "avg", "min", "max"), labels(read));
  }

  @Test
  void orderAndLimitBreakTiesByIdAscending() {
    session.execute("insert Person { name: \"Aaron\", age: 30 }", List.of());
    assertEquals(
        List.of("Aaron|30", "Alice|30"),
        rows("match { $p: Person  $p.age >= 30 } return { $p.name, $p.age } order { $p.age } limit 2"));
    assertEquals(
        List.of("Charlie|35", "Aaron|30"),
        rows("match { $p: Person  $p.age >= 30 } return { $p.name, $p.age } order { $p.age desc } limit 2"));
  }

  @Test
  void nullsSortFirstAscendingAndLastDescending() {
    session.execute("insert Person { name: \"Zed\" }", List.of());
    assertEquals("Zed|null", rows("match { $p: Person } return { $p.name, $p.age } order { $p.age }").get(0));
    List<String> descending = rows("match { $p: Person } return { $p.name, $p.age } order { $p.age desc }");
    assertEquals("Zed|null", descending.get(descending.size() - 1));
  }

  @Test
  void boundedTraversalIsABreadthFirstSearchWithAVisitedSet() {
    session.execute("insert Knows { from: \"Diana\", to: \"Alice\" }", List.of()); // a cycle back to the source
    assertEquals(
        List.of("Bob", "Charlie", "Diana"),
        rows("match { $p: Person { name: \"Alice\" }  $p knows{1,3} $f } return { $f.name } order { $f.name }"));
    assertEquals(
        List.of("Diana"),
        rows("match { $p: Person { name: \"Alice\" }  $p knows{2,3} $f } return { $f.name } order { $f.name }"));
    assertEquals(
        List.of("Alice", "Bob", "Charlie"),
        rows("match { $p: Person { name: \"Diana\" }  $p knows {1,2} $f } return { $f.name } order { $f.name }"));
  }

  @Test
  void undirectedTraversalFollowsBothDirections() {
    assertEquals(
        List.of("Alice", "Diana"),
        rows("match { $p: Person { name: \"Bob\" }  $p <knows> $f } return { $f.name } order { $f.name }"));
    assertEquals(
        List.of("Alice", "Charlie", "Diana"),
        rows("match { $p: Person { name: \"Bob\" }  $p <knows>{1,2} $f } return { $f.name } order { $f.name }"));
    GraphException e =
        assertThrows(GraphException.class, () -> rows("match { $p: Person  $p <worksAt> $c } return { $c.name }"));
    assertEquals(ErrorCode.RULE_VIOLATION, e.code());
  }

  @Test
  void edgeBindingYieldsOneRowPerEdge() {
    session.execute("insert Knows { from: \"Alice\", to: \"Bob\", since: date(\"2021-05-01\") }", List.of());
    assertEquals(
        List.of("Bob", "Charlie"),
        rows("match { $a: Person { name: \"Alice\" }  $a knows $b } return { $b.name } order { $b.name }"),
        "without an edge binding parallel edges collapse");
    assertEquals(
        List.of("Bob|null", "Bob|2021-05-01", "Charlie|null"),
        rows("match { $a: Person { name: \"Alice\" }  $a $w:knows $b } return { $b.name, $w.since } order { $b.name, $w.since }"));
    assertEquals(
        List.of("Bob"),
        rows("match { $a $w:knows $b  $w.since >= date(\"2021-01-01\") } return { $b.name }"));
  }

  @Test
  void stringFiltersAreExactAndCaseSensitive() {
    assertEquals(List.of("Alice", "Charlie"), rows("match { $p: Person  $p.name contains \"li\" } return { $p.name } order { $p.name }"));
    assertEquals(List.of(), rows("match { $p: Person  $p.name contains \"LI\" } return { $p.name }"));
    assertEquals(List.of(), rows("match { $p: Person  $p.name contains \"_\" } return { $p.name }"));
    assertEquals(List.of(), rows("match { $p: Person  $p.name starts_with \"%\" } return { $p.name }"));
    assertEquals(List.of("Charlie"), rows("match { $p: Person  $p.name starts_with \"Ch\" } return { $p.name }"));
  }

  @Test
  void readsSeeTheTransactionsPendingWritesAndSnapshot() {
    session.autoCommit(false);
    session.execute("insert Person { name: \"Eve\", age: 91 }", List.of());
    assertEquals(List.of("Eve"), rows("match { $p: Person  $p.age > 90 } return { $p.name }"));
    assertEquals(List.of(), rows(other, "match { $p: Person  $p.age > 90 } return { $p.name }"));
    other.execute("insert Person { name: \"Fay\", age: 92 }", List.of());
    assertEquals(List.of("Eve"), rows("match { $p: Person  $p.age > 90 } return { $p.name }"), "snapshot");
    session.rollback();
    assertEquals(List.of("Fay"), rows("match { $p: Person  $p.age > 90 } return { $p.name }"));
  }

  @Test
  void parametersBindByIndex() {
    assertEquals(
        List.of("Bob", "Charlie"),
        rows(session, "match { $p: Person { name: $who }  $p knows $f  $f.age > $min } return { $f.name } order { $f.name }",
            "Alice", 20));
    assertEquals(List.of("Charlie"), rows(session, "match { $p: Person  $p.age > ? } return { $p.name }", 30));
  }

  @Test
  void nowIsBoundOncePerText() {
    List<String> result = rows("match { $p: Person { name: \"Alice\" } } return { now() as a, now() as b }");
    String[] parts = result.get(0).split("\\|");
    assertEquals(parts[0], parts[1]);
  }

  @Test
  void typeErrorsNameTheOffenderAndItsPosition() {
    GraphException unknownType = assertThrows(GraphException.class, () -> rows("match {\n  $p: Persn } return { $p }"));
    assertEquals(ErrorCode.UNKNOWN_TYPE, unknownType.code());
    assertEquals(List.of(2, 3), List.of(unknownType.line(), unknownType.column()));
    assertTrue(unknownType.getMessage().contains("Persn"), unknownType.getMessage());

    GraphException unknownProperty =
        assertThrows(GraphException.class, () -> rows("match { $p: Person  $p.agee > 3 } return { $p.name }"));
    assertEquals(ErrorCode.UNKNOWN_PROPERTY, unknownProperty.code());
    assertEquals(List.of(1, 21), List.of(unknownProperty.line(), unknownProperty.column()));
    assertTrue(unknownProperty.getMessage().contains("agee"));

    GraphException mismatch =
        assertThrows(GraphException.class, () -> rows("match { $p: Person  $p.age = \"x\" } return { $p.name }"));
    assertEquals(ErrorCode.INVALID_VALUE, mismatch.code());
    assertEquals(21, mismatch.column());

    GraphException sum = assertThrows(GraphException.class, () -> rows("match { $p: Person } return { sum($p.name) }"));
    assertEquals(ErrorCode.INVALID_VALUE, sum.code());

    GraphException edge = assertThrows(GraphException.class, () -> rows("match { $p: Person  $p likes $q } return { $q }"));
    assertEquals(ErrorCode.UNKNOWN_TYPE, edge.code());

    GraphException unbounded =
        assertThrows(GraphException.class, () -> rows("match { $p: Person  $p knows{1,} $q } return { $q }"));
    assertEquals(ErrorCode.RULE_VIOLATION, unbounded.code());
  }

  @Test
  void explainReturnsThePlan() {
    List<String> plan = rows("explain match { $p: Person { name: \"Alice\" }  $p knows{1,2} $f } return { $f.name }");
    assertEquals(1, plan.size());
    assertTrue(plan.get(0).contains("EnumerableBfsExpand"), plan.get(0));
    assertTrue(plan.get(0).contains("GRAPH.Person"), plan.get(0));
  }

  @Test
  void aMatchOnASingleStringKeyFindsTheNodeByIdAndOtherMatchesStayOnTheirColumn() {
    String keyed = rows("explain match { $p: Person { name: \"Alice\" } } return { $p.age }").get(0);
    assertTrue(keyed.contains("filter=id = 'Alice'"), keyed);
    String other = rows("explain match { $p: Person { age: 30 } } return { $p.name }").get(0);
    assertTrue(other.contains("filter=age = 30"), other);
    assertEquals(List.of("30"), rows("match { $p: Person { name: \"Alice\" } } return { $p.age }"));
    assertEquals(List.of(), rows("match { $p: Person { name: \"Nobody\" } } return { $p.age }"));
  }

  @Test
  void aReachedNodeWhosePropertiesNothingReadsIsNotJoined() {
    String counted = rows("explain match { $p: Person { name: \"Alice\" }  $p knows{1,2} $f } return { count($f) }").get(0);
    assertEquals(1, occurrences(counted, "GRAPH.Person columns"), counted);
    String named = rows("explain match { $p: Person { name: \"Alice\" }  $p knows{1,2} $f } return { $f.name }").get(0);
    assertEquals(2, occurrences(named, "GRAPH.Person columns"), named);
    String filtered = rows("explain match { $p: Person { name: \"Alice\" }  $p knows $f  $f.age > 1 } return { $f }").get(0);
    assertEquals(2, occurrences(filtered, "GRAPH.Person columns"), "a filter reads a property: " + filtered);
    assertEquals(
        rows("match { $p: Person { name: \"Alice\" }  $p knows{1,2} $f } return { $f.name } order { $f.name }"),
        rows("match { $p: Person { name: \"Alice\" }  $p knows{1,2} $f } return { $f } order { $f }"));
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void bareVariableReturnsTheId() {
    assertEquals(List.of("Alice"), rows("match { $p: Person { name: \"Alice\" } } return { $p }"));
    assertEquals(List.of("p"), labels("match { $p: Person { name: \"Alice\" } } return { $p }"));
  }

  private List<String> rows(String text) {
    return rows(session, text);
  }

  static List<String> rows(Session session, String text, Object... parameters) {
    List<String> out = new ArrayList<>();
    try (QueryResult result = (QueryResult) session.execute(text, Arrays.asList(parameters))) {
      while (result.rows().next()) {
        StringBuilder line = new StringBuilder();
        for (Object value : result.rows().row()) {
          line.append(line.length() == 0 ? "" : "|").append(value);
        }
        out.add(line.toString());
      }
    }
    return out;
  }

  private List<String> labels(String text) {
    try (QueryResult result = (QueryResult) session.execute(text, List.of())) {
      return result.columns().stream().map(Column::label).toList();
    }
  }

  private List<String> types(String text) {
    try (QueryResult result = (QueryResult) session.execute(text, List.of())) {
      return result.columns().stream().map(Column::typeName).toList();
    }
  }
}
