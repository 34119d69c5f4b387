package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing: random token soup and mutated golden statements. Every input must parse or throw
 * {@link SyntaxError} — never another exception, never a hang. Override the amount with
 * {@code -Dquiver.fuzz.iterations=N} and the seed with {@code -Dquiver.fuzz.seed=S}; a failure prints
 * the seed and the input so it can be replayed.
 */
class FuzzTest {
  private static final int ITERATIONS = Integer.getInteger("quiver.fuzz.iterations", 2000);
  private static final long SEED = Long.getLong("quiver.fuzz.seed", 20261121L);

  private static final String[] TOKENS = {
    "query", "insert", "update", "set", "where", "delete", "and", "or", "not", "match", "return", "order",
    "limit", "asc", "desc", "as", "true", "false", "date", "datetime", "now", "count", "sum", "avg", "min",
    "max", "contains", "starts_with", "load", "mode", "append", "merge", "overwrite", "optimize", "cleanup",
    "keep", "@description", "@instruction", "{", "}", "(", ")", "[", "]", ",", ":", ".", "?", "=", "!=", "<",
    "<=", ">", ">=", "$p", "$_", "$name", "Person", "Knows", "String", "I32", "Vector", "name", "age", "from",
    "to", "knows", "0", "42", "1.5", "99999999999999999999999", "\"x\"", "\"a\\\"b\"", "\"bad\\q\"", "\"open",
    "//c\n", "/*c*/", "/*", "-", "#", "$Bad", "\n", "\t", "null", "\u00e9", "😀", "\u0000",
  };

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void tokenSoupParsesOrFailsWithSyntaxError() {
    Random random = new Random(SEED);
    for (int i = 0; i < ITERATIONS; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(40);
      for (int t = 0; t < length; t++) {
        text.append(TOKENS[random.nextInt(TOKENS.length)]);
        if (random.nextInt(4) != 0) {
          text.append(' ');
        }
      }
      check(text.toString(), i);
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void mutatedGoldenStatementsParseOrFailWithSyntaxError() {
    List<String> goldens = GoldenStatementsTest.goldenFiles().stream().map(GoldenStatementsTest::read).toList();
    Random random = new Random(SEED + 1);
    for (int i = 0; i < ITERATIONS; i++) {
      StringBuilder text = new StringBuilder(goldens.get(random.nextInt(goldens.size())));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && text.length() > 0; e++) {
        int at = random.nextInt(text.length());
        int end = Math.min(text.length(), at + 1 + random.nextInt(12));
        switch (random.nextInt(5)) {
          case 0 -> text.delete(at, end);
          case 1 -> text.insert(at, text.substring(at, end));
          case 2 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
          case 3 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
          default -> text.setLength(at);
        }
      }
      check(text.toString(), i);
    }
  }

  private static void check(String text, int iteration) {
    try {
      MutationParser.parse(text).ruleViolation();
    } catch (SyntaxError expected) {
      if (expected.line() < 1 || expected.column() < 1) {
        fail("position " + expected.line() + ":" + expected.column() + " is not 1-based for input: " + text);
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("seed " + SEED + ", iteration " + iteration + ", input:\n" + text, e);
    }
    Dialect.classify(text);
  }
}
