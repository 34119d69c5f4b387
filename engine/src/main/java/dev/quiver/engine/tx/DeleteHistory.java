package dev.quiver.engine.tx;

import dev.quiver.engine.storage.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delete predicates a transaction applied, per table, so a later delete counts only rows no earlier one
 * certainly matched: {@code (p_n) AND ((p_1 OR … OR p_{n-1}) IS NOT TRUE)} (invariant 8). {@code IS NOT TRUE}
 * rather than {@code NOT}, so a row whose earlier predicate is NULL still counts and is still deleted.
 *
 * <p>The transaction view already hides the rows earlier deletes removed, and under D₂ a deleting transaction
 * reads only committed rows of one snapshot, so the rows it hides are exactly those where an earlier predicate
 * is TRUE: the clause is implied. It is still pushed into the scan while the history is short (it prunes
 * overlapping matches in Lance), but not past {@link #PUSHED_HISTORY} predicates, where the growing filter
 * would cost more than it saves (and would keep {@code id = …} lookups from the row cache).
 */
public final class DeleteHistory {
  static final int PUSHED_HISTORY = 16;

  private final Map<String, List<Filter>> predicates = new LinkedHashMap<>();

  /** The filter of a new delete on a table, excluding what earlier deletes matched. */
  public Filter distinct(String tableKey, Filter predicate) {
    List<Filter> earlier = predicates.getOrDefault(tableKey, List.of());
    if (earlier.isEmpty() || earlier.size() > PUSHED_HISTORY) {
      return predicate;
    }
    Filter anyEarlier = earlier.size() == 1 ? earlier.get(0) : new Filter.Or(earlier);
    return new Filter.And(List.of(predicate, new Filter.IsNotTrue(anyEarlier)));
  }

  public void record(String tableKey, Filter predicate) {
    predicates.computeIfAbsent(tableKey, k -> new ArrayList<>()).add(predicate);
  }

  DeleteHistory copy() {
    DeleteHistory copy = new DeleteHistory();
    predicates.forEach((key, list) -> copy.predicates.put(key, new ArrayList<>(list)));
    return copy;
  }

  void clear() {
    predicates.clear();
  }
}
