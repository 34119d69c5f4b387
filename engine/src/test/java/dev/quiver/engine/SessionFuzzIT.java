package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.engine.testing.TestGraphs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of whole statement texts through the engine: mutated valid statements with random parameter
 * values. Every input must end in a result or a {@link GraphException} carrying an {@link ErrorCode} — never
 * another exception, never a hang — and a failed text must leave the graph as it was. More iterations with
 * {@code -Dquiver.fuzz.iterations=N}, another seed with {@code -Dquiver.fuzz.seed=S}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SessionFuzzIT {
  private static final List<String> SEEDS =
      List.of(
          "insert Person { name: $n, age: $a }",
          "insert Person { name: \"x\", age: 3 }\ninsert Knows { from: \"x\", to: \"Alice\", since: date(\"2020-01-02\") }",
          "update Person set { age: $a } where name = $n",
          "update Person set { age: 1 } where age > 20 and name != \"Bob\"",
          "delete Person where age <= $a",
          "delete Knows where from = \"Alice\" or since < date(\"2001-01-01\")",
          "insert Company { name: $n }\ninsert WorksAt { from: \"Bob\", to: $n }",
          "delete Company where name = \"Acme\"",
          "update Person set { age: now() } where name = \"Alice\"",
          "insert Knows { from: $n, to: $n, since: $d }");
  private static final List<String> TOKENS =
      List.of("insert", "update", "delete", "set", "where", "{", "}", "(", ")", ":", ",", "=", "!=", "<", ">=",
          "and", "or", "not", "Person", "Knows", "Company", "Nope", "name", "age", "since", "from", "to", "$n",
          "$a", "?", "\"s\"", "\"\\\"'\"", "7", "3.5", "true", "date(\"2020-02-30\")", "datetime(\"x\")", "[1, 2]",
          "now()", "99999999999999999999", "//c\n", "/*", "*/", "\n");

  @TempDir Path directory;

  @Test
  void everyInputEndsInAResultOrAGraphException() {
    long seed = Long.getLong("quiver.fuzz.seed", 0x5EEDC0FFEEL);
    int iterations = Integer.getInteger("quiver.fuzz.iterations", 300);
    Random random = new Random(seed);
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("fuzz", Durability.PROCESS, false))) {
      session.execute(MutationsIT.DEMO_DATA, List.of());
      for (int i = 0; i < iterations; i++) {
        String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
        List<Object> parameters = parameters(random);
        long before = store.snapshot().graphVersion();
        try {
          session.execute(text, parameters);
        } catch (GraphException expected) {
          assertEquals(before, store.snapshot().graphVersion(), "a failed text changed the graph: " + text);
        } catch (RuntimeException unexpected) {
          fail("seed " + seed + ", iteration " + i + ": " + unexpected + " for text:\n" + text + "\nparameters " + parameters, unexpected);
        }
      }
    }
  }

  private static String mutate(String text, Random random) {
    List<String> words = new ArrayList<>(List.of(text.split(" ")));
    int edits = random.nextInt(4);
    for (int e = 0; e < edits && !words.isEmpty(); e++) {
      int at = random.nextInt(words.size());
      switch (random.nextInt(3)) {
        case 0 -> words.remove(at);
        case 1 -> words.add(at, TOKENS.get(random.nextInt(TOKENS.size())));
        default -> words.set(at, TOKENS.get(random.nextInt(TOKENS.size())));
      }
    }
    return String.join(" ", words);
  }

  private static List<Object> parameters(Random random) {
    List<Object> out = new ArrayList<>();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      out.add(
          switch (random.nextInt(11)) {
            case 0 -> null;
            case 1 -> "p" + random.nextInt(5);
            case 2 -> random.nextInt(100);
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * 1e12;
            case 5 -> BigInteger.TEN.pow(random.nextInt(30));
            case 6 -> new BigDecimal("1.5");
            case 7 -> LocalDate.of(2000 + random.nextInt(30), 1 + random.nextInt(12), 1);
            case 8 -> Instant.ofEpochMilli(random.nextLong() >>> 20);
            case 9 -> random.nextBoolean();
            default -> List.of(1, "two");
          });
    }
    return out;
  }
}
