package dev.quiver.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaChangesTest {
  private static final String BASE =
      "node Person @description(\"people\") { name: String @key  age: I32?  status: enum(active, done)? }\n"
          + "node Company { name: String @key }\n"
          + "edge Knows: Person -> Person { since: Date? }\n";

  private static List<SchemaChange> plan(String from, String to) {
    return SchemaChanges.plan(CatalogBuilder.build(from), CatalogBuilder.build(to));
  }

  private static void rejected(String from, String to, String message) {
    GraphException error = assertThrows(GraphException.class, () -> plan(from, to));
    assertEquals(ErrorCode.SCHEMA_CHANGE_UNSUPPORTED, error.code());
    assertEquals(message, error.getMessage());
  }

  private static Property property(String schema, String type, String name) {
    return CatalogBuilder.build(schema).node(type).orElseThrow().property(name).orElseThrow();
  }

  @Test
  void identicalSchemaNeedsNoSteps() {
    assertEquals(List.of(), plan(BASE, BASE));
    // Formatting, comments, and enum value order are not changes.
    assertEquals(List.of(), plan(BASE, "// same\n" + BASE.replace("enum(active, done)", "enum(done, active)")));
  }

  @Test
  void fromEmptyEveryTypeIsAdded() {
    Catalog desired = CatalogBuilder.build(BASE);
    assertEquals(
        List.of(
            new SchemaChange.AddNodeType(desired.nodes().get(0)),
            new SchemaChange.AddNodeType(desired.nodes().get(1)),
            new SchemaChange.AddEdgeType(desired.edges().get(0))),
        SchemaChanges.plan(Catalog.EMPTY, desired));
  }

  @Test
  void additiveChangesArePlanned() {
    String desired =
        BASE.replace("status: enum(active, done)?", "status: enum(active, done, paused, archived)?  nick: String? @index")
                .replace("@description(\"people\")", "@description(\"humans\") @instruction(\"be nice\")")
            + "node Tag { label: String @key }\nedge Tagged: Person -> Tag\n";
    Catalog after = CatalogBuilder.build(desired);
    assertEquals(
        List.of(
            new SchemaChange.ExtendEnum("node:Person", "status", List.of("archived", "paused")),
            new SchemaChange.AddProperty("node:Person", property(desired, "Person", "nick")),
            new SchemaChange.AddIndex("node:Person", new Constraint.Index(List.of("nick"))),
            new SchemaChange.UpdateAnnotations(
                "node:Person",
                Optional.empty(),
                List.of(new Annotation("description", List.of("humans")), new Annotation("instruction", List.of("be nice")))),
            new SchemaChange.AddNodeType(after.node("Tag").orElseThrow()),
            new SchemaChange.AddEdgeType(after.edge("Tagged").orElseThrow())),
        plan(BASE, desired));
  }

  @Test
  void indexOnExistingPropertyAndPropertyDescriptionAreMetadataOnly() {
    String desired = BASE.replace("age: I32?", "age: I32? @index @description(\"years\")");
    assertEquals(
        List.of(
            new SchemaChange.UpdateAnnotations(
                "node:Person", Optional.of("age"), List.of(new Annotation("description", List.of("years")))),
            new SchemaChange.AddIndex("node:Person", new Constraint.Index(List.of("age")))),
        plan(BASE, desired));
  }

  @Test
  void dropsAreRejected() {
    rejected(BASE, BASE.replace("node Company { name: String @key }\n", ""),
        "dropping node type 'Company' is not supported (no drops or renames yet)");
    rejected(BASE, BASE.replace("edge Knows: Person -> Person { since: Date? }\n", ""),
        "dropping edge type 'Knows' is not supported (no drops or renames yet)");
    rejected(BASE, BASE.replace("  age: I32?", ""),
        "dropping property 'Person.age' is not supported (no drops or renames yet)");
  }

  @Test
  void renamesAreRejected() {
    String renamed = BASE.replace("node Company { name", "node Firm @rename_from(\"Company\") { name") ;
    // The old type is gone first, so the drop is what is reported: a rename is a drop plus an add today.
    rejected(BASE, renamed, "dropping node type 'Company' is not supported (no drops or renames yet)");
    rejected(BASE, BASE + "node Firm @rename_from(\"Company2\") { n: String }",
        "renaming 'Company2' to 'Firm' is not supported yet (@rename_from)");
    rejected(BASE, BASE.replace("age: I32?", "age: I32?  years: I32? @rename_from(\"old\")"),
        "renaming 'old' to 'Person.years' is not supported yet (@rename_from)");
  }

  @Test
  void typeChangesAreRejected() {
    rejected(BASE, BASE.replace("age: I32?", "age: I64?"),
        "changing property type for 'Person.age' is not supported (I32? to I64?)");
    rejected(BASE, BASE.replace("age: I32?", "age: I32"),
        "changing property type for 'Person.age' is not supported (I32? to I32)");
    rejected(BASE, BASE.replace("enum(active, done)?", "enum(active)?"),
        "changing property type for 'Person.status' is not supported (enum(active, done)? to enum(active)?)");
    rejected(BASE, BASE.replace("enum(active, done)?", "String?"),
        "changing property type for 'Person.status' is not supported (enum(active, done)? to String?)");
    rejected(BASE, BASE.replace("enum(active, done)?", "enum(active, done, x)"),
        "changing property type for 'Person.status' is not supported (enum(active, done)? to enum(active, done, x))");
  }

  @Test
  void requiredPropertyNeedsABackfill() {
    rejected(BASE, BASE.replace("age: I32?", "age: I32?  email: String"),
        "adding required property 'Person.email' requires a backfill and is not supported");
  }

  @Test
  void addingOrRemovingValidatingConstraintsIsRejected() {
    rejected(BASE, BASE.replace("age: I32?", "age: I32? @unique"),
        "adding constraint @unique(age) to 'Person' is not supported (existing rows are not re-validated)");
    rejected(BASE, BASE.replace("age: I32?", "age: I32?  @range(age, 0..150)"),
        "adding constraint @range(age, 0..150) to 'Person' is not supported (existing rows are not re-validated)");
    rejected(BASE, BASE.replace("node Company { name: String @key }", "node Company { name: String @key @check(name, \"^A\") }"),
        "adding constraint @check(name, \"^A\") to 'Company' is not supported (existing rows are not re-validated)");
    String indexed = BASE.replace("age: I32?", "age: I32? @index");
    rejected(indexed, BASE, "removing constraint @index(age) from 'Person' is not supported");
    rejected(BASE.replace("node Company { name: String @key }", "node Company { name: String }"), BASE,
        "adding constraint '@key' to 'Company' is not supported");
    rejected(BASE, BASE.replace("node Company { name: String @key }", "node Company { name: String  code: String  @key(name, code) }"),
        "changing @key on 'Company' is not supported");
  }

  @Test
  void edgeShapeChangesAreRejected() {
    rejected(BASE, BASE.replace("edge Knows: Person -> Person", "edge Knows: Person -> Company"),
        "changing edge endpoints on 'Knows' is not supported (Person -> Person to Person -> Company)");
    rejected(BASE, BASE.replace("edge Knows: Person -> Person", "edge Knows: Person -> Person @card(0..1)"),
        "changing cardinality on edge 'Knows' is not supported");
  }

  @Test
  void interfaceAndAnnotationChangesAreRejected() {
    String named = "interface Named { name: String @key }\n";
    rejected(BASE, named + BASE.replace("node Company {", "node Company implements Named {"),
        "changing implemented interfaces on node 'Company' is not supported");
    rejected(BASE, BASE.replace("node Company {", "node Company @owner(\"x\") {"),
        "changing annotations beyond @description/@instruction on 'Company' is not supported");
    String embedded = "node D { t: String  u: String  v: Vector(2)? @embed(t) }";
    rejected(embedded, embedded.replace("@embed(t)", "@embed(u)"),
        "changing @embed source or model for 'D.v' is not supported");
  }

  @Test
  void evolvedCatalogKeepsExistingColumnOrder() {
    Catalog current = CatalogBuilder.build("node A { b: I32?  a: I32? }");
    Catalog desired = CatalogBuilder.build("node A { c: String?  a: I32?  b: I32? }");
    Catalog evolved = SchemaChanges.evolve(current, desired);
    assertEquals(
        List.of("b", "a", "c"),
        evolved.node("A").orElseThrow().properties().stream().map(Property::name).toList());
    assertEquals(desired.source(), evolved.source());
    assertTrue(assertThrows(GraphException.class, () -> SchemaChanges.evolve(desired, current))
        .getMessage().startsWith("dropping property 'A.c'"));
  }
}
