package dev.quiver.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogBuilderTest {

  static final String DEMO =
      "node Person { name: String @key  age: I32? }\n"
          + "node Company { name: String @key }\n"
          + "edge Knows: Person -> Person { since: Date? }\n"
          + "edge WorksAt: Person -> Company\n";

  private static GraphException invalid(String source, String fragment) {
    GraphException error = assertThrows(GraphException.class, () -> CatalogBuilder.build(source));
    assertEquals(ErrorCode.SCHEMA_INVALID, error.code(), error.getMessage());
    assertTrue(error.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + error.getMessage());
    return error;
  }

  private static void invalidAt(String source, int line, int column, String fragment) {
    GraphException error = invalid(source, fragment);
    assertEquals(line, error.line(), error.getMessage());
    assertEquals(column, error.column(), error.getMessage());
    assertTrue(error.getMessage().startsWith("line " + line + ":" + column + ": "), error.getMessage());
  }

  private static List<String> names(TableType type) {
    return type.properties().stream().map(Property::name).toList();
  }

  // --- what a valid schema becomes ---

  @Test
  void demoSchemaBuildsTheExpectedCatalog() {
    Catalog catalog = CatalogBuilder.build(DEMO);
    assertEquals(DEMO, catalog.source());
    NodeType person = catalog.node("Person").orElseThrow();
    assertEquals(
        List.of(
            new Property("name", new PropertyType.Scalar(ScalarKind.STRING), false),
            new Property("age", new PropertyType.Scalar(ScalarKind.I32), true)),
        person.properties());
    assertEquals(List.of("name"), person.key());
    assertEquals(List.of(), person.constraints());
    EdgeType knows = catalog.edge("Knows").orElseThrow();
    assertEquals("Person", knows.from());
    assertEquals("Person", knows.to());
    assertEquals(Cardinality.ANY, knows.cardinality());
    assertEquals(List.of("since"), names(knows));
    EdgeType worksAt = catalog.edge("WorksAt").orElseThrow();
    assertEquals("Company", worksAt.to());
    assertTrue(worksAt.properties().isEmpty());
    assertEquals(List.of("node:Person", "node:Company", "edge:Knows", "edge:WorksAt"),
        catalog.tables().stream().map(TableType::tableKey).toList());
  }

  @Test
  void everyPropertyTypeMapsToItsCatalogType() {
    NodeType node =
        CatalogBuilder.build(
                "node A { s: String b: Bool? i: I32 l: I64 u: U32 v: U64 f: F32 d: F64 day: Date t: DateTime"
                    + " blob: Blob? tags: [String]? e: enum(z, a, m) vec: Vector(3) }")
            .node("A")
            .orElseThrow();
    assertEquals(
        List.of("String", "Bool?", "I32", "I64", "U32", "U64", "F32", "F64", "Date", "DateTime", "Blob?",
            "[String]?", "enum(a, m, z)", "Vector(3)"),
        node.properties().stream().map(Property::renderType).toList());
    assertEquals(new PropertyType.EnumOf(List.of("a", "m", "z")), node.property("e").orElseThrow().type());
  }

  @Test
  void compositeKeyIsStoredInAlphabeticalOrder() {
    NodeType pair = CatalogBuilder.build("node Pair { right: String left: String @key(right, left) }").node("Pair").orElseThrow();
    assertEquals(List.of("left", "right"), pair.key());
    assertEquals(List.of("right", "left"), names(pair));
  }

  @Test
  void propertyLevelConstraintsDesugarToBodyForm() {
    NodeType node =
        CatalogBuilder.build(
                "node A { code: String @unique @index  n: I32? @index\n"
                    + " @index(code)  @range(n, -5..10.5)  @check(code, \"^[A-Z]+$\") }")
            .node("A")
            .orElseThrow();
    assertEquals(
        List.of(
            new Constraint.Unique(List.of("code")),
            new Constraint.Index(List.of("code")),
            new Constraint.Index(List.of("n")),
            new Constraint.Range("n", new BigDecimal("-5"), new BigDecimal("10.5")),
            new Constraint.Check("code", "^[A-Z]+$")),
        node.constraints());
    assertFalse(node.keyed());
  }

  @Test
  void interfacePropertiesComeFirstInImplementsOrder() {
    Catalog catalog =
        CatalogBuilder.build(
            "interface Named { name: String @key }\n"
                + "interface Aged { age: I32? @index  born: Date? }\n"
                + "node Person implements Aged, Named { nick: String?  age: I32? @description(\"years\") }");
    NodeType person = catalog.node("Person").orElseThrow();
    assertEquals(List.of("age", "born", "name", "nick"), names(person));
    assertEquals(List.of("name"), person.key());
    assertEquals(List.of("Aged", "Named"), person.interfaces());
    assertEquals(List.of(new Constraint.Index(List.of("age"))), person.constraints());
    assertEquals(
        List.of(new Annotation("description", List.of("years"))), person.property("age").orElseThrow().annotations());
  }

  @Test
  void keyRepeatedByInterfaceAndNodeIsOneKey() {
    NodeType node =
        CatalogBuilder.build("interface Named { name: String @key @index }\nnode N implements Named { name: String @key @index }")
            .node("N")
            .orElseThrow();
    assertEquals(List.of("name"), node.key());
    assertEquals(List.of(new Constraint.Index(List.of("name"))), node.constraints());
  }

  @Test
  void edgeCardinalityAndConstraintsOnEndpoints() {
    EdgeType edge =
        CatalogBuilder.build(DEMO + "edge Likes: Person -> Company @card(1..3) { w: F64? @unique(src, dst) @index(src) }")
            .edge("Likes")
            .orElseThrow();
    assertEquals(new Cardinality(1, 3), edge.cardinality());
    assertEquals(
        List.of(new Constraint.Unique(List.of("src", "dst")), new Constraint.Index(List.of("src"))), edge.constraints());
    assertEquals(new Cardinality(2, -1), CatalogBuilder.build(DEMO + "edge L: Person -> Person @card(2..)").edge("L").orElseThrow().cardinality());
  }

  @Test
  void annotationsAreKeptWithKeywordArguments() {
    Catalog catalog =
        CatalogBuilder.build(
            "node Doc @description(\"a doc\") @owner(team, since=2024) { text: String\n"
                + " emb: Vector(8)? @embed(text, model=\"small\") }");
    NodeType doc = catalog.node("Doc").orElseThrow();
    assertEquals(
        List.of(new Annotation("description", List.of("a doc")), new Annotation("owner", List.of("team", "since=2024"))),
        doc.annotations());
    assertEquals(
        List.of(new Annotation("embed", List.of("text", "model=small"))), doc.property("emb").orElseThrow().annotations());
  }

  @Test
  void nodeAndEdgeMayShareAName() {
    Catalog catalog = CatalogBuilder.build("node Tag { n: String }\nedge Tag: Tag -> Tag");
    assertTrue(catalog.node("Tag").isPresent());
    assertTrue(catalog.edge("Tag").isPresent());
  }

  @Test
  void lookalikesOfReservedNamesAreFine() {
    NodeType node = CatalogBuilder.build("node A { _row_id: I32  _rowid2: I32  ids: I32  src: I32 }").node("A").orElseThrow();
    assertEquals(List.of("_row_id", "_rowid2", "ids", "src"), names(node));
  }

  // --- errors ---

  @Test
  void parseErrorIsWrappedWithItsPosition() {
    GraphException error = assertThrows(GraphException.class, () -> CatalogBuilder.build("node A {\n  b I32 }"));
    assertEquals(ErrorCode.SYNTAX_ERROR, error.code());
    assertEquals(2, error.line());
    assertEquals(5, error.column());
    assertEquals("line 2:5: unexpected 'I32', expected ':'", error.getMessage());
  }

  @Test
  void duplicateTypesAreRejected() {
    invalidAt("node A { }\nnode A { }", 2, 1, "duplicate node type: A");
    invalidAt("node A { }\nedge E: A -> A\nedge E: A -> A", 3, 1, "duplicate edge type: E");
    invalid("interface I { a: I32 }\ninterface I { b: I32 }", "duplicate interface: I");
  }

  @Test
  void edgeNamesCollidingAfterCaseFoldingAreRejected() {
    invalidAt("node A { }\nedge Knows: A -> A\nedge KNOWS: A -> A", 3, 1,
        "edge name collision after case folding: 'KNOWS' conflicts with 'Knows'");
  }

  @Test
  void duplicatePropertiesAreRejected() {
    invalidAt("node A { a: I32\n  a: String }", 2, 3, "node A declares property 'a' twice");
    invalid("node A { }\nedge E: A -> A { w: I32 w: I32 }", "edge E declares property 'w' twice");
    invalid("interface I { a: I32 a: I32 }", "interface I declares property 'a' twice");
  }

  @Test
  void unknownEndpointsAreRejected() {
    invalidAt("node A { }\nedge E: B -> A", 2, 9, "edge E references unknown source type: B");
    invalidAt("node A { }\nedge E: A -> C", 2, 14, "edge E references unknown target type: C");
  }

  @Test
  void unknownInterfaceIsRejected() {
    invalidAt("node Person implements Named { }", 1, 24, "node Person implements unknown interface 'Named'");
  }

  @Test
  void interfacePropertyTypeClashIsRejected() {
    invalid(
        "interface Named { name: String }\nnode Person implements Named { name: String? }",
        "node Person property 'name' has type String? but interface Named declares it as String");
    invalid(
        "interface A { x: I32 }\ninterface B { x: I64 }\nnode N implements A, B { }",
        "node N property 'x' has type I32 but interface B declares it as I64");
    // Enum value order is not part of the type.
    CatalogBuilder.build("interface I { s: enum(a, b) }\nnode N implements I { s: enum(b, a) }");
  }

  @Test
  void keyRulesAreEnforced() {
    invalid("node A { a: String? @key }", "@key property A.a cannot be nullable");
    invalid("node A { a: [String] @key }", "@key property A.a cannot be a list");
    invalid("node A { a: Vector(2) @key }", "@key property A.a cannot be a Vector");
    invalid("node A { a: Blob @key }", "@key property A.a cannot be a Blob");
    invalidAt("node A { a: String @key\n b: String @key }", 2, 12,
        "node A has multiple @key constraints; only one is supported");
    invalid("node A { a: String  b: String  @key(a)  @key(b) }", "multiple @key");
    invalid("node A { a: String @key(b) }", "@key on A references unknown property 'b'");
    invalid("node A { a: String @key(a, a) }", "@key on A lists property 'a' twice");
    invalidAt("node A { }\nedge E: A -> A { w: String @key }", 2, 28, "@key constraint is not supported on edges (edge E)");
    invalid("node A { }\nedge E: A -> A { w: String @key(w) }", "@key constraint is not supported on edges (edge E)");
  }

  @Test
  void uniqueAndIndexRulesAreEnforced() {
    invalid("node A { a: String @unique(b) }", "@unique on A references unknown property 'b'");
    invalid("node A { a: Blob? @unique }", "@unique is not supported on blob property A.a");
    invalid("node A { a: [I32]? @unique }", "@unique is not supported on list property A.a");
    invalid("node A { a: Vector(2)? @unique }", "@unique is not supported on Vector property A.a");
    invalid("node A { a: Blob? @index }", "@index is not supported on blob property A.a");
    invalid("node A { a: I32 @index(src) }", "@index on A references unknown property 'src'");
  }

  @Test
  void rangeRulesAreEnforced() {
    invalid("node A { a: String @range(a, 0..1) }", "@range on A.a requires a numeric type, got String");
    invalid("node A { a: [I32] @range(a, 0..1) }", "@range on A.a requires a numeric type, got [I32]");
    invalid("node A { a: I32 @range(a, 5..1) }", "@range on A.a has min (5) greater than max (1)");
    invalid("node A { a: I32 @range(b, 0..1) }", "@range on A references unknown property 'b'");
    invalid("node A { }\nedge E: A -> A { w: I32 @range(w, 0..1) }", "@range constraint is not supported on edges (edge E)");
  }

  @Test
  void checkRulesAreEnforced() {
    invalid("node A { a: I32 @check(a, \"x\") }", "@check on A.a requires String type, got I32");
    invalid("node A { a: String @check(a, \"(\") }", "@check on A.a has an invalid pattern '('");
    invalid("node A { }\nedge E: A -> A { w: String @check(w, \"x\") }", "@check constraint is not supported on edges (edge E)");
  }

  @Test
  void cardinalityMinMustNotExceedMax() {
    invalidAt("node A { }\nedge E: A -> A @card(2..1)", 2, 16, "cardinality min (2) exceeds max (1)");
  }

  @Test
  void lanceSystemColumnNamesAreReserved() {
    for (String name : List.of("_rowid", "_rowaddr", "_rowoffset", "_row_created_at_version", "_row_last_updated_at_version")) {
      GraphException error = invalid("node A { " + name + ": I32 }", "'" + name + "'");
      assertTrue(error.getMessage().contains("reserved") && error.getMessage().contains("exports"), error.getMessage());
      invalid("interface I { " + name + ": I32 }", "reserved");
      invalid("node A { }\nedge E: A -> A { " + name + ": I32 }", "reserved");
    }
  }

  @Test
  void physicalColumnNamesAreReserved() {
    invalidAt("node A {\n id: String @key }", 2, 2,
        "property name 'id' on node A is reserved: it is the system column that stores the node's id");
    invalid("interface I { id: I32 }", "property name 'id' on interface I is reserved");
    invalid("node A { }\nedge E: A -> A { src: String }",
        "property name 'src' on edge E is reserved: it is the system column that stores the source node's id");
    invalid("node A { }\nedge E: A -> A { dst: String }", "stores the target node's id");
    invalid("node A { }\nedge E: A -> A { id: String }", "property name 'id' on edge E is reserved");
  }

  @Test
  void typeRulesAreEnforced() {
    invalid("node A { a: [Blob] }", "list of Blob is not supported");
    invalidAt("node A { a: enum(x, y, x) }", 1, 13, "enum type cannot include duplicate values: 'x'");
    invalid("node A { v: Vector(0) }", "Vector dimension must be greater than zero");
    invalid("node A { v: Vector(2147483648) }", "Vector dimension must be at most 2147483647");
  }

  @Test
  void annotationRulesAreEnforced() {
    invalidAt("node A @unique { a: I32 }", 1, 8, "@unique is only supported on node properties or as body constraint");
    invalid("node A @key { a: I32 }", "@key is only supported on node properties");
    invalid("node A { }\nedge E: A -> A @key", "@key is not supported on edges (edge E)");
    invalid("node A { a: String @instruction(\"x\") }", "@instruction is only supported on node and edge types");
    invalid("node A @description(\"\") { }", "@description on node A requires one non-empty string");
    invalid("node A @description(\"x\") @description(\"y\") { }", "@description may appear at most once on node A");
    invalid("node A { a: String  v: String @embed(a) }", "@embed on node A.v requires a Vector property, got String");
    invalid("node A { a: String  v: Vector(2) @embed(b) }", "@embed on A.v references unknown property 'b'");
    invalid("node A { a: I32  v: Vector(2) @embed(a) }", "@embed source A.a must be a String property, got I32");
    invalid("node A { a: String  v: Vector(2) @embed(a, size=3) }",
        "has unknown argument 'size=' (only 'model' is supported)");
    invalid("node A { }\nedge E: A -> A { v: Vector(2) @embed(a) }", "@embed is not supported on edges (edge E)");
  }
}
