package dev.quiver.engine.testing;

import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.view.ReadView;
import dev.quiver.engine.view.RowCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every row of a table as a view sees it: id → (column → value), every column, for comparing tables. */
public final class TableRows {
  private TableRows() {}

  public static Map<String, Map<String, Object>> byId(ReadView view, String tableKey) {
    TableType type = view.snapshot().catalog().table(tableKey).orElseThrow();
    List<String> columns = new ArrayList<>(type.systemColumns());
    type.properties().forEach(p -> columns.add(p.name()));
    Map<String, Map<String, Object>> out = new TreeMap<>();
    try (RowCursor cursor = view.scan(tableKey, columns, null)) {
      while (cursor.next()) {
        Map<String, Object> row = new TreeMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), cursor.row()[i]);
        }
        out.put((String) row.get("id"), row);
      }
    }
    return out;
  }
}
