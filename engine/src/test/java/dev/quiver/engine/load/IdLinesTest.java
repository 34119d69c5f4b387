package dev.quiver.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdLinesTest {
  @Test
  void keepsTheFirstLineOfEachIdLikeAMap() {
    Random random = new Random(0x1D11E5L);
    IdLines ids = new IdLines();
    Map<String, Long> expected = new LinkedHashMap<>();
    for (long line = 1; line <= 200_000; line++) {
      String id = randomId(random);
      long first = ids.putIfAbsent(id, line);
      Long held = expected.putIfAbsent(id, line);
      assertEquals(held == null ? IdLines.ABSENT : held, first, id);
    }
    assertEquals(expected.size(), ids.size());
    for (Map.Entry<String, Long> entry : expected.entrySet()) {
      assertEquals(entry.getValue(), ids.line(entry.getKey()));
      assertTrue(ids.contains(entry.getKey()));
    }
    for (int i = 0; i < 10_000; i++) {
      String id = randomId(random);
      assertEquals(expected.getOrDefault(id, IdLines.ABSENT), ids.line(id), id);
    }
    List<String> iterated = new ArrayList<>();
    ids.forEach(iterated::add);
    assertEquals(List.copyOf(expected.keySet()), iterated, "ids in the order they were added");
    assertEquals(expected.keySet(), new HashSet<>(ids.asSet()));
    assertEquals(expected.keySet(), ids.asSet());
  }

  @Test
  void tellsApartIdsThatOnlyDifferPastLatin1() {
    IdLines ids = new IdLines();
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("\u0101", 1)); // Latin-1 would keep only its low byte, 0x01
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("\u0001", 2));
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("\ud800", 3)); // unpaired surrogates are ids too
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("?", 4));
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("", 5));
    assertEquals(1, ids.line("\u0101"));
    assertEquals(2, ids.line("\u0001"));
    assertEquals(3, ids.line("\ud800"));
    assertEquals(4, ids.line("?"));
    assertEquals(5, ids.putIfAbsent("", 6));
    assertFalse(ids.contains("\u0100"));
  }

  @Test
  void holdsIdsLargerThanAChunkAndLinesPastTwoBillion() {
    IdLines ids = new IdLines();
    String large = "x".repeat((1 << 24) + 7);
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("before", 1));
    assertEquals(IdLines.ABSENT, ids.putIfAbsent(large, 5_000_000_000L));
    assertEquals(IdLines.ABSENT, ids.putIfAbsent("after", Long.MAX_VALUE));
    assertEquals(5_000_000_000L, ids.line(large));
    assertEquals(Long.MAX_VALUE, ids.line("after"));
    assertEquals(1, ids.line("before"));
    List<String> iterated = new ArrayList<>();
    ids.forEach(iterated::add);
    assertEquals(List.of("before", large, "after"), iterated);
  }

  @Test
  void anEmptyTableHasNoIds() {
    IdLines ids = new IdLines();
    assertEquals(0, ids.size());
    assertFalse(ids.asSet().iterator().hasNext());
    assertEquals(IdLines.ABSENT, ids.line("p1"));
  }

  private static String randomId(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "p" + random.nextInt(150_000);
      case 1 -> "e" + random.nextInt(1_000_000);
      case 2 -> "\u00e9\u4e16" + random.nextInt(1000);
      default -> Long.toString(random.nextLong(), 36);
    };
  }
}
