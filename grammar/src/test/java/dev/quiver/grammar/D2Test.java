package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.grammar.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class D2Test {

  private static Optional<String> violation(String text) {
    return MutationParser.parse(text).ruleViolation();
  }

  @Test
  void insertsAndUpdatesTogetherAreFine() {
    assertEquals(Optional.empty(), violation("insert P { a: 1 } update P set { b: 2 } where a = 1 insert Q { c: 3 }"));
  }

  @Test
  void deletesTogetherAreFine() {
    assertEquals(Optional.empty(), violation("delete P where a = 1 delete Q where from = \"x\""));
  }

  @Test
  void insertWithDeleteIsRejectedWithTheSplitAdvice() {
    Optional<String> message = violation("insert P { a: 1 }\ndelete P where a = 2");
    assertTrue(message.isPresent());
    assertTrue(message.get().contains("inserts/updates and deletes"), message.get());
    assertTrue(message.get().contains("(1) inserts and updates, then (2) deletes"), message.get());
    assertTrue(message.get().contains("split"), message.get());
    assertEquals(D2.MIXED_WRITES, message.get());
  }

  @Test
  void updateWithDeleteIsRejectedInEitherOrder() {
    assertEquals(Optional.of(D2.MIXED_WRITES), violation("delete P where a = 2 update P set { a: 1 } where a = 3"));
  }

  @Test
  void ruleHoldsAcrossQueryDeclarationsOfOneText() {
    assertEquals(Optional.of(D2.MIXED_WRITES),
        violation("query a() { insert P { a: 1 } }\nquery b() { delete P where a = 1 }"));
  }

  @Test
  void listFormIgnoresReadsAndAdminSoTheEngineCanApplyItToATransaction() {
    List<Statement> transaction = new ArrayList<>();
    transaction.addAll(MutationParser.parse("match { $p: P } return { $p }").statements());
    transaction.addAll(MutationParser.parse("insert P { a: 1 }").statements());
    assertEquals(Optional.empty(), D2.violation(transaction));
    transaction.addAll(MutationParser.parse("delete P where a = 1").statements());
    assertEquals(Optional.of(D2.MIXED_WRITES), D2.violation(transaction));
  }

  @Test
  void adminStatementsStandAlone() {
    assertEquals(Optional.empty(), violation("load \"x.jsonl\" mode merge"));
    assertEquals(Optional.empty(), violation("optimize"));
    assertEquals(Optional.empty(), violation("cleanup keep 3"));
    assertEquals(Optional.of("statement 'load' at 2:1 shares its statement text with other statements;"
        + " load, optimize and cleanup must each stand alone"), violation("insert P { a: 1 }\nload \"x\""));
    assertEquals(Optional.of("statement 'optimize' at 1:1 shares its statement text with other statements;"
        + " load, optimize and cleanup must each stand alone"), violation("optimize cleanup"));
  }

  @Test
  void aReadStandsAlone() {
    assertEquals(Optional.of("statement text mixes the match query at 1:19 with other statements;"
        + " a read must stand alone, send each in its own statement text"),
        violation("insert P { a: 1 } match { $p: P } return { $p }"));
    assertEquals(Optional.of("query 'q' mixes the match query at 1:13 with other statements;"
        + " a read must stand alone, send each in its own statement text"),
        violation("query q() { match { $p: P } return { $p } delete P where a = 1 }"));
  }

  @Test
  void separateReadDeclarationsInOneTextAreFine() {
    assertEquals(Optional.empty(), violation(
        "query a() { match { $p: P } return { $p } }\nquery b() { match { $q: Q } return { $q } }"));
  }
}
