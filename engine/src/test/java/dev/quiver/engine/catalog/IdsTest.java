package dev.quiver.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IdsTest {

  private static NodeType node(String schema) {
    return CatalogBuilder.build(schema).nodes().get(0);
  }

  @Test
  void scalarsRenderCanonically() {
    assertEquals("Alice", Ids.render(ScalarKind.STRING, "Alice"));
    assertEquals("", Ids.render(ScalarKind.STRING, ""));
    assertEquals("true", Ids.render(ScalarKind.BOOL, true));
    assertEquals("false", Ids.render(ScalarKind.BOOL, false));
    assertEquals("-32", Ids.render(ScalarKind.I32, -32));
    assertEquals("9223372036854775807", Ids.render(ScalarKind.I64, Long.MAX_VALUE));
    assertEquals("4294967295", Ids.render(ScalarKind.U32, 4294967295L));
    assertEquals("18446744073709551615", Ids.render(ScalarKind.U64, new BigInteger("18446744073709551615")));
    assertEquals("19723", Ids.render(ScalarKind.DATE, LocalDate.of(2024, 1, 1)));
    assertEquals("-1", Ids.render(ScalarKind.DATE, LocalDate.of(1969, 12, 31)));
    assertEquals("1704067200000", Ids.render(ScalarKind.DATETIME, Instant.parse("2024-01-01T00:00:00Z")));
    assertEquals("1704067200123", Ids.render(ScalarKind.DATETIME, Instant.parse("2024-01-01T00:00:00.123456Z")));
  }

  @Test
  void doublesRenderAsShortestPlainDecimal() {
    assertEquals("1.25", Ids.render(ScalarKind.F64, 1.25));
    assertEquals("-2.5", Ids.render(ScalarKind.F64, -2.5));
    assertEquals("100000000000000000000", Ids.render(ScalarKind.F64, 1e20));
    assertEquals("0", Ids.render(ScalarKind.F64, -0.0));
    assertEquals("0", Ids.render(ScalarKind.F64, 0.0));
    assertEquals("1", Ids.render(ScalarKind.F64, 1.0));
    assertEquals("0.1", Ids.render(ScalarKind.F64, 0.1));
    assertEquals("0.30000000000000004", Ids.render(ScalarKind.F64, 0.1 + 0.2));
    assertEquals("0.0000001", Ids.render(ScalarKind.F64, 1e-7));
    assertEquals("123456789012345680000", Ids.render(ScalarKind.F64, 1.2345678901234568e20));
    assertEquals("0." + "0".repeat(323) + "5", Ids.render(ScalarKind.F64, Double.MIN_VALUE));
    // Java 17's Double.toString prints 2.82879384806159008E17 here: neither shortest nor plain.
    assertEquals("282879384806159000", Ids.render(ScalarKind.F64, 2.82879384806159E17));
  }

  @Test
  void floatsRenderInTheirOwnWidth() {
    assertEquals("0.1", Ids.render(ScalarKind.F32, 0.1f));
    assertEquals("1.25", Ids.render(ScalarKind.F32, 1.25f));
    assertEquals("30000000000", Ids.render(ScalarKind.F32, 3e10f));
    assertEquals("16777216", Ids.render(ScalarKind.F32, 16777216f));
    assertEquals("0", Ids.render(ScalarKind.F32, -0.0f));
  }

  @Test
  void renderingRoundTripsForRandomDoubles() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(value)) {
        continue;
      }
      String text = Ids.render(ScalarKind.F64, value);
      assertTrue(!text.contains("E") && !text.contains("e"), text);
      assertEquals(value == 0 ? 0.0 : value, Double.parseDouble(text), text);
      // Never longer than Java's own (round-tripping) rendering.
      String java = new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().unscaledValue().abs().toString();
      String ours = new java.math.BigDecimal(text).stripTrailingZeros().unscaledValue().abs().toString();
      assertTrue(ours.length() <= java.length(), () -> value + ": " + text);
    }
  }

  @Test
  void nonFiniteFloatsCannotBeKeys() {
    GraphException error = assertThrows(GraphException.class, () -> Ids.render(ScalarKind.F64, Double.NaN));
    assertEquals(ErrorCode.INVALID_VALUE, error.code());
    assertTrue(error.getMessage().contains("non-finite Float64"), error.getMessage());
    assertThrows(GraphException.class, () -> Ids.render(ScalarKind.F32, Float.POSITIVE_INFINITY));
    assertThrows(GraphException.class, () -> Ids.render(ScalarKind.F64, Double.NEGATIVE_INFINITY));
  }

  @Test
  void wrongJavaTypeIsRejected() {
    GraphException error = assertThrows(GraphException.class, () -> Ids.render(ScalarKind.DATE, "2024-01-01"));
    assertEquals(ErrorCode.INVALID_VALUE, error.code());
    assertEquals("value of Java type String cannot be a Date value", error.getMessage());
    assertThrows(GraphException.class, () -> Ids.render(ScalarKind.F64, 1.5f));
    assertThrows(GraphException.class, () -> Ids.render(ScalarKind.I32, 1.5));
    assertThrows(GraphException.class, () -> Ids.render(ScalarKind.BLOB, new byte[] {1}));
  }

  @Test
  void singleKeyIdIsTheRenderedValue() {
    NodeType person = node("node Person { name: String @key  age: I32? }");
    assertEquals("Alice", Ids.idOf(person, Map.of("name", "Alice", "age", 30)::get));
    NodeType day = node("node Day { d: Date @key }");
    assertEquals("19723", Ids.idOf(day, Map.of("d", LocalDate.of(2024, 1, 1))::get));
    NodeType state = node("node S { s: enum(on, off) @key }");
    assertEquals("on", Ids.idOf(state, Map.of("s", "on")::get));
  }

  @Test
  void compositeKeyIdIsAJsonArrayInAlphabeticalMemberOrder() {
    NodeType pair = node("node Pair { z: String  a: String  @key(z, a) }");
    assertEquals("[\"A\",\"Z\"]", Ids.idOf(pair, Map.of("z", "Z", "a", "A")::get));
    NodeType mixed = node("node M { n: I64  d: Date  s: String  @key(n, s, d) }");
    assertEquals(
        "[\"19723\",\"-7\",\"x\\\"y\\\\z\\n\\u0001\"]",
        Ids.idOf(mixed, Map.of("n", -7L, "d", LocalDate.of(2024, 1, 1), "s", "x\"y\\z\n\u0001")::get));
  }

  @Test
  void nullKeyMemberIsRequiredPropertyMissing() {
    NodeType pair = node("node Pair { z: String  a: String  @key(z, a) }");
    GraphException error = assertThrows(GraphException.class, () -> Ids.idOf(pair, Map.of("z", "Z")::get));
    assertEquals(ErrorCode.REQUIRED_PROPERTY_MISSING, error.code());
    assertEquals("insert @key property 'a' cannot contain null", error.getMessage());
  }

  @Test
  void unkeyedNodeGetsAUlid() {
    NodeType note = node("node Note { text: String }");
    String id = Ids.idOf(note, Map.of("text", "hi")::get);
    assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
  }

  @Test
  void ulidsAreWellFormedTimeOrderedAndMonotonic() {
    long before = System.currentTimeMillis();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.newId());
    }
    long after = System.currentTimeMillis();
    for (int i = 1; i < ids.size(); i++) {
      assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " !< " + ids.get(i));
    }
    String first = ids.get(0);
    assertTrue(first.matches("[0-7][0-9A-HJKMNP-TV-Z]{25}"), first);
    long millis = decodeMillis(first);
    assertTrue(millis >= before && millis <= after, () -> millis + " not in [" + before + ", " + after + "]");
  }

  @Test
  @Timeout(30)
  void ulidsAreUniqueAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < 5_000; i++) {
            ids.add(Ids.newId());
          }
          return ids;
        }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> future : futures) {
        all.addAll(future.get());
      }
      assertEquals(20_000, all.size());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertNotEquals(Ids.newId(), Ids.newId());
  }

  private static long decodeMillis(String ulid) {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    long value = 0;
    for (int i = 0; i < 10; i++) {
      value = value * 32 + alphabet.indexOf(ulid.charAt(i));
    }
    return value;
  }
}
