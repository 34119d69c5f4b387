package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.grammar.ast.And;
import dev.quiver.grammar.ast.Assignment;
import dev.quiver.grammar.ast.BoolLiteral;
import dev.quiver.grammar.ast.Cleanup;
import dev.quiver.grammar.ast.Comparison;
import dev.quiver.grammar.ast.DateLiteral;
import dev.quiver.grammar.ast.DateTimeLiteral;
import dev.quiver.grammar.ast.Delete;
import dev.quiver.grammar.ast.FloatLiteral;
import dev.quiver.grammar.ast.Insert;
import dev.quiver.grammar.ast.IntegerLiteral;
import dev.quiver.grammar.ast.ListLiteral;
import dev.quiver.grammar.ast.ListType;
import dev.quiver.grammar.ast.Load;
import dev.quiver.grammar.ast.LoadMode;
import dev.quiver.grammar.ast.Not;
import dev.quiver.grammar.ast.Now;
import dev.quiver.grammar.ast.Operator;
import dev.quiver.grammar.ast.Optimize;
import dev.quiver.grammar.ast.Or;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.ParameterDeclaration;
import dev.quiver.grammar.ast.QueryDeclaration;
import dev.quiver.grammar.ast.ScalarKind;
import dev.quiver.grammar.ast.ScalarType;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.ast.SourceSpan;
import dev.quiver.grammar.ast.Statement;
import dev.quiver.grammar.ast.StringLiteral;
import dev.quiver.grammar.ast.Update;
import dev.quiver.grammar.ast.VectorType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MutationParserTest {

  static SourceSpan at(int line, int column) {
    return new SourceSpan(line, column);
  }

  static Statement only(String text) {
    List<Statement> statements = MutationParser.parse(text).statements();
    assertEquals(1, statements.size(), "statements of " + text);
    return statements.get(0);
  }

  @Test
  void insertWithEveryLiteralForm() {
    String text = "insert Person { name: \"A\\\"l\\\\i\\n\\r\\tce\", age: 30 score: 1.50, ok: true, no: false,"
        + " born: date(\"2020-01-01\"), at: datetime(\"2024-06-01T12:00:00Z\"), tags: [\"a\", 2,], none: [], seen: now() }";
    Statement expected = new Insert("Person", List.of(
        new Assignment("name", new StringLiteral("A\"l\\i\n\r\tce", at(1, 23)), at(1, 17)),
        new Assignment("age", new IntegerLiteral(BigInteger.valueOf(30), at(1, 47)), at(1, 42)),
        new Assignment("score", new FloatLiteral(new BigDecimal("1.50"), at(1, 57)), at(1, 50)),
        new Assignment("ok", new BoolLiteral(true, at(1, 67)), at(1, 63)),
        new Assignment("no", new BoolLiteral(false, at(1, 77)), at(1, 73)),
        new Assignment("born", new DateLiteral("2020-01-01", at(1, 90)), at(1, 84)),
        new Assignment("at", new DateTimeLiteral("2024-06-01T12:00:00Z", at(1, 114)), at(1, 110)),
        new Assignment("tags", new ListLiteral(List.of(
            new StringLiteral("a", at(1, 155)), new IntegerLiteral(BigInteger.TWO, at(1, 160))), at(1, 154)), at(1, 148)),
        new Assignment("none", new ListLiteral(List.of(), at(1, 171)), at(1, 165)),
        new Assignment("seen", new Now(at(1, 181)), at(1, 175))),
        at(1, 1));
    assertEquals(expected, only(text));
  }

  @Test
  void insertAcceptsNewlinesWithoutCommasAndKeywordsAsPropertyNames() {
    Statement parsed = only("insert Knows {\n  from: \"Alice\"\n  to: \"Bob\"\n  date: 1\n}");
    assertEquals(new Insert("Knows", List.of(
        new Assignment("from", new StringLiteral("Alice", at(2, 9)), at(2, 3)),
        new Assignment("to", new StringLiteral("Bob", at(3, 7)), at(3, 3)),
        new Assignment("date", new IntegerLiteral(BigInteger.ONE, at(4, 9)), at(4, 3))), at(1, 1)), parsed);
  }

  @Test
  void integerLiteralsKeepEveryDigit() {
    Insert insert = (Insert) only("insert T { n: 123456789012345678901234567890 }");
    assertEquals(new BigInteger("123456789012345678901234567890"),
        ((IntegerLiteral) insert.assignments().get(0).value()).value());
  }

  @Test
  void updateWithSingleComparison() {
    Statement parsed = only("update Person set { age: $age } where name = $name");
    assertEquals(new Update("Person",
        List.of(new Assignment("age", Parameter.named("age", 1, at(1, 26)), at(1, 21))),
        new Comparison("name", Operator.EQUAL, Parameter.named("name", 2, at(1, 46)), at(1, 39)),
        at(1, 1)), parsed);
  }

  @Test
  void everyComparisonOperatorParses() {
    for (Operator operator : Operator.values()) {
      if (!operator.isComparison()) {
        continue;
      }
      Delete delete = (Delete) only("delete Person where age " + operator.symbol() + " 3");
      assertEquals(operator, ((Comparison) delete.where()).operator());
    }
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    Delete delete = (Delete) only("delete Knows where from = \"a\" or not to = \"b\" and (since < now() or x != 1)");
    assertEquals(new Or(
        new Comparison("from", Operator.EQUAL, new StringLiteral("a", at(1, 27)), at(1, 20)),
        new And(
            new Not(new Comparison("to", Operator.EQUAL, new StringLiteral("b", at(1, 43)), at(1, 38)), at(1, 34)),
            new Or(
                new Comparison("since", Operator.LESS_THAN, new Now(at(1, 60)), at(1, 52)),
                new Comparison("x", Operator.NOT_EQUAL, new IntegerLiteral(BigInteger.ONE, at(1, 74)), at(1, 69)),
                at(1, 52)),
            at(1, 34)),
        at(1, 20)), delete.where());
  }

  @Test
  void adminStatements() {
    assertEquals(new Load("data/x.jsonl", Optional.empty(), at(1, 1)), only("load \"data/x.jsonl\""));
    assertEquals(new Load("p", Optional.of(LoadMode.MERGE), at(1, 1)), only("load \"p\" mode merge"));
    assertEquals(new Load("p", Optional.of(LoadMode.OVERWRITE), at(1, 1)), only("load \"p\" mode overwrite"));
    assertEquals(new Load("p", Optional.of(LoadMode.APPEND), at(1, 1)), only("load \"p\" mode append"));
    assertEquals(new Optimize(at(2, 3)), only("\n  optimize"));
    assertEquals(new Cleanup(OptionalLong.empty(), at(1, 1)), only("cleanup"));
    assertEquals(new Cleanup(OptionalLong.of(5), at(1, 1)), only("cleanup keep 5"));
  }

  @Test
  void commentsAreIgnored() {
    Statement parsed = only("// leading\n/* block\n comment */ insert T { /* inline */ a: 1 // tail\n }");
    assertEquals(new Insert("T",
        List.of(new Assignment("a", new IntegerLiteral(BigInteger.ONE, at(3, 40)), at(3, 37))), at(3, 13)), parsed);
  }

  @Test
  void queryDeclarationWithParametersAndAnnotations() {
    Script script = MutationParser.parse(
        "query add($name: String, $age: I32?, $tags: [String], $v: Vector(3)?)\n"
            + "  @description(\"adds\") @instruction(\"use it\") {\n"
            + "  insert Person { name: $name, age: $age }\n}");
    QueryDeclaration declaration = script.declarations().get(0);
    assertEquals("add", declaration.name());
    assertEquals(List.of(
        new ParameterDeclaration("name", new ScalarType(ScalarKind.STRING, false), at(1, 11)),
        new ParameterDeclaration("age", new ScalarType(ScalarKind.I32, true), at(1, 26)),
        new ParameterDeclaration("tags", new ListType(ScalarKind.STRING, false), at(1, 38)),
        new ParameterDeclaration("v", new VectorType(3, true), at(1, 55))), declaration.parameters());
    assertEquals(Optional.of("adds"), declaration.description());
    assertEquals(Optional.of("use it"), declaration.instruction());
    assertEquals(List.of(new Insert("Person", List.of(
        new Assignment("name", Parameter.named("name", 1, at(3, 25)), at(3, 19)),
        new Assignment("age", Parameter.named("age", 2, at(3, 37)), at(3, 32))), at(3, 3))),
        declaration.statements());
    assertEquals(List.of(), script.bareStatements());
    assertEquals(declaration.statements(), script.statements());
  }

  @Test
  void everyScalarParameterTypeParses() {
    for (ScalarKind kind : ScalarKind.values()) {
      Script script = MutationParser.parse("query q($p: " + kind.typeName() + ") { delete T where a = $p }");
      assertEquals(new ScalarType(kind, false), script.declarations().get(0).parameters().get(0).type());
    }
  }

  @Test
  void severalDeclarationsInOneText() {
    Script script = MutationParser.parse(
        "query a() { insert T { x: 1 } }\nquery b($p: I64) { delete T where x = $p }");
    assertEquals(List.of("a", "b"), script.declarations().stream().map(QueryDeclaration::name).toList());
    assertEquals(2, script.statements().size());
  }
}
