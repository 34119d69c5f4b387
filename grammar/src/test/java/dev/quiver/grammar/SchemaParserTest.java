package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.grammar.schema.AnnotationArgument;
import dev.quiver.grammar.schema.AnnotationDecl;
import dev.quiver.grammar.schema.BodyConstraint;
import dev.quiver.grammar.schema.CardinalityDecl;
import dev.quiver.grammar.schema.ConstraintKind;
import dev.quiver.grammar.schema.EdgeDecl;
import dev.quiver.grammar.schema.InterfaceDecl;
import dev.quiver.grammar.schema.NameRef;
import dev.quiver.grammar.schema.NodeDecl;
import dev.quiver.grammar.schema.PropertyConstraint;
import dev.quiver.grammar.schema.PropertyDecl;
import dev.quiver.grammar.schema.RangeBounds;
import dev.quiver.grammar.schema.SchemaFile;
import dev.quiver.grammar.schema.SourceSpan;
import dev.quiver.grammar.schema.TypeRef;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SchemaParserTest {

  private static SourceSpan at(int line, int column) {
    return new SourceSpan(line, column);
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = SchemaParserTest.class.getResourceAsStream("/schemas/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static SyntaxError syntaxError(String text) {
    return assertThrows(SyntaxError.class, () -> SchemaParser.parse(text));
  }

  private static void assertError(String text, int line, int column, String fragment) {
    SyntaxError error = syntaxError(text);
    assertTrue(
        error.detail().contains(fragment), () -> "expected '" + fragment + "' in: " + error.getMessage());
    assertEquals(line, error.line(), () -> "line of: " + error.getMessage());
    assertEquals(column, error.column(), () -> "column of: " + error.getMessage());
  }

  // --- golden files ---

  @Test
  void demoSchemaParsesToTheExpectedAst() throws IOException {
    SchemaFile file = SchemaParser.parse(golden("demo.pg"));

    NodeDecl person =
        new NodeDecl(
            "Person",
            List.of(),
            List.of(),
            List.of(
                new PropertyDecl(
                    "name",
                    TypeRef.base("String", false, at(1, 21)),
                    List.of(new PropertyConstraint(ConstraintKind.KEY, at(1, 28))),
                    List.of(),
                    at(1, 15)),
                new PropertyDecl("age", TypeRef.base("I32", true, at(1, 39)), List.of(), List.of(), at(1, 34))),
            List.of(),
            at(1, 1));
    NodeDecl company =
        new NodeDecl(
            "Company",
            List.of(),
            List.of(),
            List.of(
                new PropertyDecl(
                    "name",
                    TypeRef.base("String", false, at(2, 22)),
                    List.of(new PropertyConstraint(ConstraintKind.KEY, at(2, 29))),
                    List.of(),
                    at(2, 16))),
            List.of(),
            at(2, 1));
    EdgeDecl knows =
        new EdgeDecl(
            "Knows",
            new NameRef("Person", at(3, 13)),
            new NameRef("Person", at(3, 23)),
            Optional.empty(),
            List.of(),
            List.of(new PropertyDecl("since", TypeRef.base("Date", true, at(3, 39)), List.of(), List.of(), at(3, 32))),
            List.of(),
            at(3, 1));
    EdgeDecl worksAt =
        new EdgeDecl(
            "WorksAt",
            new NameRef("Person", at(4, 15)),
            new NameRef("Company", at(4, 25)),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            at(4, 1));
    assertEquals(new SchemaFile(List.of(person, company, knows, worksAt)), file);
    assertEquals(List.of(person, company), file.nodes());
    assertEquals(List.of(knows, worksAt), file.edges());
  }

  @Test
  void everythingSchemaCoversEveryConstruct() throws IOException {
    SchemaFile file = SchemaParser.parse(golden("everything.pg"));

    assertEquals(
        List.of("Named", "Described"), file.interfaces().stream().map(InterfaceDecl::name).toList());
    assertEquals(List.of("Person", "Tag", "Pair"), file.nodes().stream().map(NodeDecl::name).toList());
    assertEquals(List.of("Knows", "Tagged", "Likes"), file.edges().stream().map(EdgeDecl::name).toList());

    InterfaceDecl named = file.interfaces().get(0);
    assertEquals(at(4, 1), named.span());
    assertTrue(named.properties().get(0).has(ConstraintKind.KEY));

    NodeDecl person = file.nodes().get(0);
    assertEquals(
        List.of(
            new AnnotationDecl(
                "description",
                List.of(AnnotationArgument.positional(AnnotationArgument.Kind.STRING, "a human", at(12, 26))),
                at(12, 13)),
            new AnnotationDecl(
                "instruction",
                List.of(AnnotationArgument.positional(AnnotationArgument.Kind.STRING, "be kind", at(12, 50))),
                at(12, 37))),
        person.annotations());
    assertEquals(
        List.of(new NameRef("Named", at(12, 72)), new NameRef("Described", at(12, 79))), person.interfaces());

    assertEquals(
        List.of(
            "I32?", "F64?", "[String]?", "[I64]", "enum(active, on-hold, done_2)", "Vector(4)?", "Blob?", "Date?",
            "DateTime?", "Bool?", "U64?", "U32?", "F32?", "String", "String?"),
        person.properties().stream().map(p -> p.type().render()).toList());
    TypeRef status = person.properties().get(4).type();
    assertEquals(TypeRef.Shape.ENUM, status.shape());
    assertEquals(List.of("active", "on-hold", "done_2"), status.enumValues());
    assertEquals(TypeRef.vector(4, true, at(18, 14)), person.properties().get(5).type());
    assertEquals(TypeRef.listOf("String", true, at(15, 9)), person.properties().get(2).type());

    PropertyDecl embedding = person.properties().get(5);
    assertEquals(
        new AnnotationDecl(
            "embed",
            List.of(
                AnnotationArgument.positional(AnnotationArgument.Kind.IDENT, "summary", at(18, 32)),
                AnnotationArgument.named("model", AnnotationArgument.Kind.STRING, "small", at(18, 41))),
            at(18, 25)),
        embedding.annotations().get(0));

    PropertyDecl code = person.properties().get(13);
    assertEquals(
        List.of(
            new PropertyConstraint(ConstraintKind.UNIQUE, at(26, 16)),
            new PropertyConstraint(ConstraintKind.INDEX, at(26, 24))),
        code.constraints());

    assertEquals(
        List.of(
            BodyConstraint.of(ConstraintKind.UNIQUE, List.of("email", "code"), at(28, 3)),
            BodyConstraint.of(ConstraintKind.INDEX, List.of("age"), at(29, 3)),
            BodyConstraint.range(
                "age", new RangeBounds(Optional.of(new BigDecimal("0")), Optional.of(new BigDecimal("150"))), at(30, 3)),
            BodyConstraint.range(
                "height", new RangeBounds(Optional.of(new BigDecimal("-0.5")), Optional.empty()), at(31, 3)),
            BodyConstraint.range(
                "ratio", new RangeBounds(Optional.empty(), Optional.of(new BigDecimal("1.5"))), at(32, 3)),
            BodyConstraint.check("code", "^[A-Z]+\\d*\t\"x\"$", at(33, 3))),
        person.constraints());

    assertEquals(
        List.of(BodyConstraint.of(ConstraintKind.KEY, List.of("label"), at(38, 3))), file.nodes().get(1).constraints());
    assertEquals(
        List.of(BodyConstraint.of(ConstraintKind.KEY, List.of("right", "left"), at(44, 3))),
        file.nodes().get(2).constraints());

    EdgeDecl knows = file.edges().get(0);
    assertEquals(Optional.of(new CardinalityDecl(0, OptionalLong.of(5), at(47, 30))), knows.cardinality());
    AnnotationDecl weight = knows.annotations().get(0);
    assertEquals("weight", weight.name());
    assertEquals(
        List.of("1", "2.5", "true", "scale=2", "note=\"x\""),
        weight.arguments().stream().map(AnnotationArgument::render).toList());
    assertEquals(
        List.of(
            AnnotationArgument.Kind.INTEGER,
            AnnotationArgument.Kind.FLOAT,
            AnnotationArgument.Kind.BOOL,
            AnnotationArgument.Kind.INTEGER,
            AnnotationArgument.Kind.STRING),
        weight.arguments().stream().map(AnnotationArgument::kind).toList());
    assertEquals(3, weight.positional().size());
    assertEquals("2", weight.keyword("scale").orElseThrow().value());
    assertEquals(
        List.of(
            BodyConstraint.of(ConstraintKind.UNIQUE, List.of("src", "dst"), at(49, 3)),
            BodyConstraint.of(ConstraintKind.INDEX, List.of("since"), at(50, 3))),
        knows.constraints());

    EdgeDecl tagged = file.edges().get(1);
    assertEquals(Optional.of(new CardinalityDecl(1, OptionalLong.empty(), at(53, 28))), tagged.cardinality());
    assertTrue(tagged.properties().isEmpty());
    EdgeDecl likes = file.edges().get(2);
    assertEquals(Optional.empty(), likes.cardinality());
    assertEquals("description", likes.annotations().get(0).name());
  }

  // --- constructs ---

  @Test
  void emptyTextIsAnEmptySchema() {
    assertEquals(new SchemaFile(List.of()), SchemaParser.parse("  // nothing\n/* at all */"));
  }

  @Test
  void keywordsAreValidPropertyNames() {
    NodeDecl node = SchemaParser.parse("node A { node: String  index: I32  key: Bool  card: F32 }").nodes().get(0);
    assertEquals(List.of("node", "index", "key", "card"), node.properties().stream().map(PropertyDecl::name).toList());
  }

  @Test
  void typeLevelConstraintAnnotationIsKeptForTheEngineToReject() {
    NodeDecl node = SchemaParser.parse("node A @unique { a: String }").nodes().get(0);
    assertEquals(List.of(new AnnotationDecl("unique", List.of(), at(1, 8))), node.annotations());
  }

  @Test
  void annotationsComeBeforeImplements() {
    NodeDecl node = SchemaParser.parse("interface I { a: I32 }\nnode T @description(\"x\") implements I { }").nodes().get(0);
    assertEquals("description", node.annotations().get(0).name());
    assertEquals(List.of(new NameRef("I", at(2, 37))), node.interfaces());
  }

  @Test
  void stringEscapesAreDecoded() {
    AnnotationDecl annotation =
        SchemaParser.parse("node A @description(\"q\\\" b\\\\ n\\n r\\r t\\t\") { }").nodes().get(0).annotations().get(0);
    assertEquals("q\" b\\ n\n r\r t\t", annotation.arguments().get(0).value());
  }

  @Test
  void enumValuesMayMixCaseDigitsAndDashes() {
    TypeRef type = SchemaParser.parse("node A { s: enum(Active, 2fa, in-progress, x_1)? }").nodes().get(0).properties().get(0).type();
    assertEquals(List.of("Active", "2fa", "in-progress", "x_1"), type.enumValues());
    assertTrue(type.nullable());
  }

  @Test
  void rangeBoundsAcceptSignedIntegersAndFloats() {
    BodyConstraint range = SchemaParser.parse("node A { t: F64 @range(t, -40..-0.5) }").nodes().get(0).constraints().get(0);
    assertEquals(
        new RangeBounds(Optional.of(new BigDecimal("-40")), Optional.of(new BigDecimal("-0.5"))), range.range().orElseThrow());
    assertEquals("-40..-0.5", range.range().orElseThrow().render());
  }

  @Test
  void bodyConstraintAfterPropertyAnnotationIsNotTakenAsItsArgument() {
    NodeDecl node = SchemaParser.parse("node A { a: String @index\n @unique(a) }").nodes().get(0);
    assertEquals(List.of(new PropertyConstraint(ConstraintKind.INDEX, at(1, 20))), node.properties().get(0).constraints());
    assertEquals(List.of(BodyConstraint.of(ConstraintKind.UNIQUE, List.of("a"), at(2, 2))), node.constraints());
  }

  @Test
  void edgeWithoutBodyAndWithEmptyBodyAreTheSame() {
    EdgeDecl bare = SchemaParser.parse("edge E: A -> B").edges().get(0);
    EdgeDecl empty = SchemaParser.parse("edge E: A -> B {}").edges().get(0);
    assertEquals(bare, empty);
  }

  // --- syntax errors: each asserts line and column ---

  @Test
  void uppercasePropertyNameIsRejected() {
    assertError("node Person { Name: String }", 1, 15, "unexpected 'Name'");
    assertError("node Person { Name: String }", 1, 15, "lowercase");
  }

  @Test
  void lowercaseTypeNameIsRejected() {
    assertError("node person { }", 1, 6, "unexpected 'person', expected type name");
  }

  @Test
  void missingColonNamesWhatWasExpected() {
    assertError("node A {\n  a: String\n  b I32\n}", 3, 5, "unexpected 'I32', expected ':'");
  }

  @Test
  void unknownTypeIsRejectedAtTheType() {
    assertError("node A {\n  name: Strin\n}", 2, 9, "unknown type 'Strin'");
  }

  @Test
  void listOfNonBaseTypeIsRejected() {
    assertError("node A { v: [Vector] }", 1, 14, "list element must be a base type, got 'Vector'");
  }

  @Test
  void vectorNeedsADimension() {
    assertError("node A { v: Vector }", 1, 13, "Vector requires a dimension");
    assertError("node A { v: String(3) }", 1, 13, "takes no argument");
  }

  @Test
  void propertyLevelUniqueWithAValueIsRejected() {
    assertError("node A { a: String @unique(\"x\") }", 1, 28, "@unique takes property names, got '\"x\"'");
    assertError("node A { a: String @index(\"x\") }", 1, 27, "@index takes property names");
  }

  @Test
  void unsupportedEscapeIsRejectedAtTheBackslash() {
    assertError("node A @description(\"a\\qb\") { }", 1, 23, "unsupported escape sequence: \\q");
    assertError("node A @description(\"ab\n  \\z\") { }", 2, 3, "unsupported escape sequence: \\z");
  }

  @Test
  void unexpectedEndOfInputListsTheAlternatives() {
    SyntaxError error = syntaxError("node A { a: String");
    assertEquals(1, error.line());
    assertEquals(19, error.column());
    assertTrue(error.detail().startsWith("unexpected end of input, expected one of: "), error.detail());
    assertTrue(error.detail().contains("'}'") && error.detail().contains("'@'"), error.detail());
    assertEquals("line 1:19: " + error.detail(), error.getMessage());
  }

  @Test
  void missingOpeningBraceSaysSo() {
    assertError("node A a: String }", 1, 8, "unexpected 'a', expected one of: 'implements', '{', '@'");
  }

  @Test
  void cardinalityMustComeBeforeOtherEdgeAnnotations() {
    assertError("edge E: A -> B @x @card(1..2)", 1, 20, "@card belongs to an edge, right after its endpoints");
  }

  @Test
  void cardinalityIsNotANodeAnnotation() {
    assertError("node A @card(1..2) { }", 1, 9, "unexpected 'card'");
  }

  @Test
  void unterminatedStringIsRejected() {
    assertError("node A @description(\"abc", 1, 21, "unterminated string literal");
  }

  @Test
  void unterminatedBlockCommentIsRejected() {
    assertError("node A { }\n  /* never closed", 2, 3, "unterminated block comment");
  }

  @Test
  void unexpectedCharacterIsRejected() {
    assertError("node A { a: String # }", 1, 20, "unexpected character '#'");
  }

  @Test
  void enumValueWithWhitespaceIsRejected() {
    assertError("node A { s: enum(a b) }", 1, 20, "unexpected 'b', expected one of: ',', ')'");
  }

  @Test
  void emptyEnumIsRejected() {
    assertError("node A { s: enum() }", 1, 18, "unexpected ')', expected enum value");
    assertError("node A { s: enum(a,) }", 1, 20, "unexpected ')', expected enum value");
  }

  @Test
  void positionalAnnotationArgumentAfterKeywordIsRejected() {
    assertError("node A @x(k=\"v\", 1) { }", 1, 18, "positional argument '1' after keyword argument in @x");
  }

  @Test
  void keywordArgumentNeedsALiteral() {
    assertError("node A @x(k=v) { }", 1, 13, "unexpected 'v'");
  }

  @Test
  void rangeNeedsPropertyAndBounds() {
    assertError("node A { a: I32 @range(a) }", 1, 17, "@range requires property name and bounds");
    assertError("node A { a: I32 @range(0..1, a) }", 1, 17, "@range requires property name and bounds");
  }

  @Test
  void checkNeedsPropertyAndString() {
    assertError("node A { a: String @check(a, b) }", 1, 20, "@check requires property name and a regex string");
  }

  @Test
  void signedNumbersOnlyInRangeBounds() {
    assertError("node A @x(-1) { }", 1, 11, "unexpected '-'");
  }

  @Test
  void oversizedIntegerIsRejected() {
    assertError("edge E: A -> B @card(0..99999999999999999999)", 1, 25, "integer out of range");
  }

  @Test
  void emptyAnnotationArgumentListIsRejected() {
    assertError("node A @x() { }", 1, 11, "unexpected ')'");
  }

  @Test
  void interfacesTakeNoBodyConstraints() {
    assertError("interface I { a: I32\n @index(a) }", 2, 2, "unexpected '@'");
  }
}
