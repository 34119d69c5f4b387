package dev.quiver.grammar;

import static dev.quiver.grammar.MutationParserTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.grammar.ast.Filter;
import dev.quiver.grammar.ast.Insert;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.ast.Update;
import dev.quiver.grammar.ast.VariableReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void namedParametersAreNumberedByFirstAppearance() {
    Script script = MutationParser.parse("insert T { a: $b, c: $a }\nupdate T set { x: $a } where y = $c");
    assertEquals(List.of(
        Parameter.named("b", 1, at(1, 15)), Parameter.named("a", 2, at(1, 22)), Parameter.named("c", 3, at(2, 34))),
        script.parameters());
    Update update = (Update) script.statements().get(1);
    assertEquals(Parameter.named("a", 2, at(2, 19)), update.assignments().get(0).value());
  }

  @Test
  void declarationFixesTheOrder() {
    Script script = MutationParser.parse(
        "query q($age: I32, $name: String) { update Person set { age: $age } where name = $name }\n"
            + "query r($name: String, $extra: Bool) { delete Person where name = $name }");
    assertEquals(List.of(
        Parameter.named("age", 1, at(1, 9)), Parameter.named("name", 2, at(1, 20)),
        Parameter.named("extra", 3, at(2, 24))), script.parameters());
  }

  @Test
  void declarationOrderWinsOverUseOrder() {
    Script script = MutationParser.parse("query q($b: I32, $a: I32) { insert T { x: $a, y: $b, z: $undeclared } }");
    assertEquals(List.of("b", "a", "undeclared"),
        script.parameters().stream().map(p -> p.name().orElseThrow()).toList());
    Insert insert = (Insert) script.statements().get(0);
    assertEquals(Parameter.named("a", 2, at(1, 43)), insert.assignments().get(0).value());
  }

  @Test
  void positionalPlaceholdersAreNumberedLeftToRight() {
    Script script = MutationParser.parse("insert T { a: ?, b: ? }\ndelete T where c = ?");
    assertEquals(List.of(
        Parameter.positional(1, at(1, 15)), Parameter.positional(2, at(1, 21)), Parameter.positional(3, at(2, 20))),
        script.parameters());
  }

  @Test
  void positionalPlaceholdersInReads() {
    Script script = MutationParser.parse("match { $p: Person { name: ? } $p.age > ? } return { $p }");
    assertEquals(List.of(Parameter.positional(1, at(1, 28)), Parameter.positional(2, at(1, 41))),
        script.parameters());
  }

  @Test
  void boundVariablesAreNotParameters() {
    Script script = MutationParser.parse(
        "match { $p: Person  $p knows $f  $f.age > $min  not { $f $w:knows $g }  $p = $f } return { $g, $max }");
    assertEquals(List.of(Parameter.named("min", 1, at(1, 43)), Parameter.named("max", 2, at(1, 96))),
        script.parameters());
    MatchQuery query = (MatchQuery) script.statements().get(0);
    assertEquals(new Filter(new VariableReference("p", at(1, 73)), dev.quiver.grammar.ast.Operator.EQUAL,
        new VariableReference("f", at(1, 78)), at(1, 73)), query.clauses().get(4));
    assertEquals(new VariableReference("g", at(1, 92)), query.projections().get(0).expression());
  }

  @Test
  void textWithoutParametersHasNone() {
    assertEquals(List.of(), MutationParser.parse("optimize").parameters());
  }
}
