package dev.quiver.engine.tx;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.TableType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A transaction's pending writes to one table: the newest full row per id (invariant 7: a later write of an
 * id replaces the earlier one) and the ids it deletes. Captures the table version the transaction expects.
 */
final class PendingTable {
  final TableType type;
  final long expectedVersion;
  final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
  final Set<String> deleted = new LinkedHashSet<>();
  /** True when some pending row may replace a committed row (keyed insert or update): stage an upsert. */
  boolean replacesCommitted;

  PendingTable(TableType type, long expectedVersion) {
    this.type = requireNonNull(type, "type is null");
    this.expectedVersion = expectedVersion;
  }

  boolean isEmpty() {
    return rows.isEmpty() && deleted.isEmpty();
  }

  /** True when the committed row with this id is hidden: rewritten or deleted by the transaction. */
  boolean shadows(String id) {
    return rows.containsKey(id) || deleted.contains(id);
  }

}
