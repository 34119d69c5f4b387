package dev.quiver.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanceFiltersTest {

  @Test
  void anOrOfEqualitiesOnOneColumnRendersAsOneFlatInList() {
    Filter filter = new Filter.Or(List.of(
        Filter.eq("a", 1),
        new Filter.Or(List.of(Filter.eq("a", 2), new Filter.IsNull("b"))),
        Filter.eq("c", "x"),
        new Filter.In("a", List.of(3)),
        new Filter.In("d", List.of())));
    assertEquals("(`a` IN (1, 2, 3)) OR (`b` IS NULL) OR (`c` = 'x')", LanceFilters.render(filter));
  }

  @Test
  void aThousandOperandOrStaysShallow() {
    List<Filter> operands = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      operands.add(new Filter.Or(List.of(Filter.eq("src", "p" + i), Filter.eq("dst", "p" + i))));
    }
    List<Filter> flat = LanceFilters.flatten(new Filter.Or(operands));
    assertEquals(2, flat.size());
    assertEquals(1000, ((Filter.In) flat.get(0)).values().size());
  }

  @Test
  void anOrOfOnlyEmptyInListsIsFalse() {
    assertEquals("false", LanceFilters.render(new Filter.Or(List.of(new Filter.In("a", List.of())))));
  }
}
