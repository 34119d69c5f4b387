package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntaxErrorTest {

  private static SyntaxError error(String text) {
    return assertThrows(SyntaxError.class, () -> MutationParser.parse(text), text);
  }

  private static void assertError(String text, int line, int column, String detail) {
    SyntaxError error = error(text);
    assertEquals(line, error.line(), () -> "line of " + error.getMessage());
    assertEquals(column, error.column(), () -> "column of " + error.getMessage());
    assertEquals(detail, error.detail());
    assertEquals("line " + line + ":" + column + ": " + detail, error.getMessage());
  }

  @Test
  void containsInAMutationPredicateIsRejected() {
    assertError("delete Person where name contains \"x\"", 1, 26,
        "operator 'contains' is not allowed in a mutation predicate, expected one of =, !=, <, <=, >, >=");
  }

  @Test
  void startsWithInAMutationPredicateIsRejected() {
    assertError("update Person set { a: 1 }\nwhere name starts_with \"x\"", 2, 12,
        "operator 'starts_with' is not allowed in a mutation predicate, expected one of =, !=, <, <=, >, >=");
  }

  @Test
  void missingClosingBraceReportsEndOfInput() {
    assertError("insert Person {\n  name: \"x\"\n", 3, 1, "unexpected end of input, expected one of '}', identifier");
  }

  @Test
  void missingColonNamesTheOffendingToken() {
    assertError("insert Person { name \"x\" }", 1, 22, "unexpected '\"x\"', expected ':'");
  }

  @Test
  void emptyAssignmentBlockIsRejected() {
    assertError("insert Person {}", 1, 16, "unexpected '}', expected identifier");
  }

  @Test
  void keywordsAreCaseSensitive() {
    assertError("Insert Person { a: 1 }", 1, 1, "unexpected 'Insert', expected one of 'query', 'insert', 'update',"
        + " 'delete', 'match', 'load', 'optimize', 'cleanup'");
  }

  @Test
  void typeNamesStartUpperCase() {
    assertError("insert person { a: 1 }", 1, 8, "unexpected 'person', expected type name");
  }

  @Test
  void unaryMinusIsRejectedWithAHint() {
    assertError("insert Person { a: -1 }", 1, 20,
        "unexpected '-', .gq has no unary minus: pass a negative value as a parameter");
  }

  @Test
  void thereIsNoNullLiteral() {
    assertError("insert Person { a: null }", 1, 20, "unexpected 'null', expected one of 'true', 'false', 'date',"
        + " 'datetime', 'now', '[', '?', variable, float, integer, string");
  }

  @Test
  void unsupportedEscapeIsReportedAtTheBackslash() {
    assertError("insert Person {\n a: \"b\\q\" }", 2, 7,
        "unsupported escape sequence '\\q' in string literal, expected one of \\\" \\\\ \\n \\r \\t");
  }

  @Test
  void unterminatedStringAndComment() {
    assertError("insert Person { a: \"abc }\n", 1, 20, "string literal is not terminated before the end of the line");
    assertError("insert Person { a: 1 }\n  /* never closed", 2, 3, "comment '/*' is not closed by '*/'");
  }

  @Test
  void floatsNeedDigitsOnBothSides() {
    assertError("insert Person { a: 1.}", 1, 21, "unexpected '.', expected one of '}', identifier");
    assertError("insert Person { a: .5 }", 1, 20, "unexpected '.', expected one of 'true', 'false', 'date',"
        + " 'datetime', 'now', '[', '?', variable, float, integer, string");
  }

  @Test
  void variablesStartLowerCase() {
    assertError("insert Person { a: $Foo }", 1, 20, "variable '$Foo' must start with a lower-case letter or '_'");
  }

  @Test
  void listsDoNotNest() {
    assertError("insert Person { a: [[1]] }", 1, 21,
        "unexpected '[', expected one of 'true', 'false', 'date', 'datetime', ']', float, integer, string");
  }

  @Test
  void strayCharacter() {
    assertError("insert Person { a: 1 } #", 1, 24, "unexpected character '#'");
  }

  @Test
  void updateNeedsWhere() {
    assertError("update Person set { a: 1 }", 1, 27, "unexpected end of input, expected 'where'");
  }

  @Test
  void danglingAndAndUnclosedParenthesis() {
    assertError("update Person set { a: 1 } where a = 1 and", 1, 43,
        "unexpected end of input, expected one of '(', identifier");
    assertError("delete Person where (a = 1", 1, 27, "unexpected end of input, expected ')'");
  }

  @Test
  void predicateRightSideIsAValueNotAProperty() {
    assertError("delete Person where a = b", 1, 25, "unexpected 'b', expected one of 'true', 'false', 'date',"
        + " 'datetime', 'now', '[', '?', variable, float, integer, string");
  }

  @Test
  void readErrors() {
    assertError("match { $p: Person }", 1, 21, "unexpected end of input, expected 'return'");
    assertError("match {\n} return { $p }", 2, 1, "unexpected '}', expected one of 'true', 'false', '[', '?',"
        + " variable, identifier, float, integer, string");
    assertError("match { $p: Person $p knows 5 } return { $p }", 1, 29, "unexpected '5', expected one of '{', variable");
    assertError("match { $p: Person } return { $p } limit x", 1, 42, "unexpected 'x', expected integer");
    assertError("match { $p knows{1 3} $q } return { $p }", 1, 20, "unexpected '3', expected ','");
  }

  @Test
  void declarationErrors() {
    assertError("query q($a: Foo) { delete T where a = $a }", 1, 13, "parameter type 'Foo' is unknown, expected one of"
        + " String, Bool, I32, I64, U32, U64, F32, F64, Date, DateTime, Blob, [T] or Vector(n)");
    assertError("query q($a: Vector) { delete T where a = $a }", 1, 13,
        "parameter type 'Vector' needs a dimension, as in 'Vector(3)'");
    assertError("query q($a: String(3)) { delete T where a = $a }", 1, 13, "parameter type 'String' takes no dimension");
    assertError("query q($a: Vector(0)) { delete T where a = $a }", 1, 20, "vector dimension '0' is less than 1");
    assertError("query q($a: String, $a: I32) { delete T where a = $a }", 1, 21,
        "query 'q' declares parameter '$a' more than once");
    assertError("query q() @description(\"a\") @description(\"b\") { delete T where a = 1 }", 1, 29,
        "query 'q' has more than one '@description' annotation");
    assertError("query q() { delete T where a = 1 }\nquery q() { delete T where a = 1 }", 2, 7,
        "query 'q' is declared more than once");
    assertError("query q() { delete T where a = 1 } insert T { a: 1 }", 1, 36,
        "unexpected 'insert', expected one of end of input, 'query'");
  }

  @Test
  void oneParameterStylePerText() {
    assertError("insert T { a: $x, b: ? }", 1, 22,
        "parameter '?' mixes '?' placeholders with named parameters, use one style per statement text");
    assertError("insert T { a: ? }\ndelete T where b = $x", 2, 20,
        "parameter '$x' mixes '?' placeholders with named parameters, use one style per statement text");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "''|1|1",
    "'  // only a comment'|1|20",
    "'\n\n'|3|1",
  })
  void emptyTextIsASyntaxError(String text, int line, int column) {
    assertError(text, line, column, "unexpected end of input, expected one of 'query', 'insert', 'update', 'delete',"
        + " 'match', 'load', 'optimize', 'cleanup'");
  }

  @Test
  void adminErrors() {
    assertError("load x", 1, 6, "unexpected 'x', expected string");
    assertError("load \"x\" mode replace", 1, 15, "unexpected 'replace', expected one of 'append', 'merge', 'overwrite'");
    assertError("cleanup keep 99999999999999999999", 1, 14,
        "cleanup keep count '99999999999999999999' is out of range");
    assertError("match { $p: Person } return { $p } limit 99999999999999999999", 1, 42,
        "limit '99999999999999999999' is out of range");
  }

  @Test
  void deepNestingIsASyntaxErrorNotAStackOverflow() {
    String deep = "delete T where " + "(".repeat(5000) + "a = 1" + ")".repeat(5000);
    SyntaxError error = error(deep);
    assertEquals(1, error.line());
    assertEquals(16 + LexicalChecksDepth.MAX, error.column());
    assertTrue(error.detail().contains("nests deeper than"), error.detail());
    SyntaxError nots = error("delete T where " + "not ".repeat(5000) + "a = 1");
    assertEquals(1, nots.line());
    assertEquals(16 + 4 * LexicalChecksDepth.MAX, nots.column());
  }

  /** The nesting bound, mirrored here because LexicalChecks is internal. */
  private static final class LexicalChecksDepth {
    static final int MAX = 100;
  }
}
