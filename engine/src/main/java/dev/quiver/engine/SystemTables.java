package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import java.util.List;

/**
 * The read-only tables of schema {@code QUIVER} (SPEC §6): the commit log, the tables the current manifest
 * pins, and the recovery log. Their columns are fixed by the spec; the SQL layer and {@code DatabaseMetaData}
 * both describe them from this one list.
 */
public final class SystemTables {
  /** The schema that holds the system tables. */
  public static final String SCHEMA = "QUIVER";

  private static final List<SystemTable> ALL =
      List.of(
          new SystemTable(
              "commits",
              "one row per published graph commit",
              List.of(
                  column("graph_version", ScalarKind.I64),
                  column("committed_at", ScalarKind.DATETIME),
                  column("actor", ScalarKind.STRING),
                  column("kind", ScalarKind.STRING),
                  column("tables", ScalarKind.STRING))),
          new SystemTable(
              "tables",
              "per node or edge type: the Lance version the current manifest pins, and its row count",
              List.of(
                  column("type_name", ScalarKind.STRING),
                  column("kind", ScalarKind.STRING),
                  column("table_version", ScalarKind.I64),
                  column("row_count", ScalarKind.I64))),
          new SystemTable(
              "recoveries",
              "one row per interrupted commit finished or undone by a read-write open",
              List.of(
                  column("recovered_at", ScalarKind.DATETIME),
                  column("outcome", ScalarKind.STRING),
                  column("actor", ScalarKind.STRING),
                  column("tables", ScalarKind.STRING))));

  private SystemTables() {}

  /** A system table: its name (lower case, as the spec writes it), what it holds, and its columns in order. */
  public record SystemTable(String name, String description, List<Property> columns) {
    public SystemTable {
      requireNonNull(name, "name is null");
      requireNonNull(description, "description is null");
      columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public SystemTable(String name, List<Property> columns) {
      this(name, "", columns);
    }
  }

  /** Every system table, in the order of SPEC §6. */
  public static List<SystemTable> all() {
    return ALL;
  }

  private static Property column(String name, ScalarKind kind) {
    return new Property(name, new PropertyType.Scalar(kind), false);
  }
}
