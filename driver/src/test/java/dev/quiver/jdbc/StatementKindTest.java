package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementKindTest {

  @Test
  void schemaTextsStartWithNodeEdgeOrInterfaceAfterComments() {
    assertEquals(StatementKind.SCHEMA, StatementKind.of("node Person { name: String @key }"));
    assertEquals(StatementKind.SCHEMA, StatementKind.of("  // the social graph\n/* v2 */ edge Knows: Person -> Person"));
    assertEquals(StatementKind.SCHEMA, StatementKind.of("\n\ninterface Named { name: String }"));
    assertEquals(StatementKind.SCHEMA, StatementKind.of("-- sql comment\nnode A {}"));
  }

  @Test
  void otherTextsAreNotSchemas() {
    assertEquals(StatementKind.OTHER, StatementKind.of("SELECT * FROM Person"));
    assertEquals(StatementKind.OTHER, StatementKind.of("insert Person { name: \"Alice\" }"));
    assertEquals(StatementKind.OTHER, StatementKind.of("nodes"));
    assertEquals(StatementKind.OTHER, StatementKind.of("(select 1)"));
    assertEquals("(", StatementKind.firstKeyword("(select 1)"));
  }

  @Test
  void blankOrCommentOnlyTextsAreEmpty() {
    assertEquals(StatementKind.EMPTY, StatementKind.of(""));
    assertEquals(StatementKind.EMPTY, StatementKind.of("  // nothing\n /* here"));
  }
}
