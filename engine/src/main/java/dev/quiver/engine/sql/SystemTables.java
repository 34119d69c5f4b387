package dev.quiver.engine.sql;

import dev.quiver.engine.CommitRecord;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.RecoveryRecord;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.catalog.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * Schema {@code QUIVER} (SPEC §6): {@code commits}, {@code tables} and {@code recoveries}. Each is small and
 * computed per scan from the statement's view, so it agrees with the snapshot the statement reads: a reader
 * pinned at graph version N does not see commit N+1.
 */
final class SystemTables extends AbstractSchema {
  private final Map<String, Table> tables;

  SystemTables() {
    // The columns come from the engine's one description of the system tables (also DatabaseMetaData's);
    // only the rows are produced here.
    Map<String, BiFunction<GraphStore, Snapshot, List<Object[]>>> producers =
        Map.of(
            "commits", SystemTables::commits,
            "tables", SystemTables::tables,
            "recoveries", (store, snapshot) -> recoveries(store.recoveries()));
    Map<String, Table> tables = new LinkedHashMap<>(); // listing order is part of the contract
    for (dev.quiver.engine.SystemTables.SystemTable table : dev.quiver.engine.SystemTables.all()) {
      BiFunction<GraphStore, Snapshot, List<Object[]>> rows = producers.get(table.name());
      if (rows == null) {
        throw new IllegalStateException("no rows for system table " + table.name());
      }
      tables.put(table.name(), new SystemTable(table.columns(), rows));
    }
    this.tables = Collections.unmodifiableMap(tables);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  private static List<Object[]> commits(GraphStore store, Snapshot snapshot) {
    List<Object[]> rows = new ArrayList<>();
    for (CommitRecord commit : store.commits()) {
      if (commit.graphVersion() <= snapshot.graphVersion()) {
        rows.add(
            new Object[] {
              commit.graphVersion(),
              commit.committedAt().toEpochMilli(),
              commit.actor(),
              commit.kind(),
              String.join(",", commit.tables())
            });
      }
    }
    return rows;
  }

  private static List<Object[]> tables(GraphStore store, Snapshot snapshot) {
    List<Object[]> rows = new ArrayList<>();
    // Qualified: inside a Calcite schema, TableType names Schema.TableType.
    for (dev.quiver.engine.catalog.TableType type : snapshot.catalog().tables()) {
      rows.add(
          new Object[] {
            type.name(),
            type.kind().label(),
            snapshot.tableVersion(type.tableKey()),
            store.rowCount(snapshot, type.tableKey())
          });
    }
    return rows;
  }

  private static List<Object[]> recoveries(List<RecoveryRecord> entries) {
    List<Object[]> rows = new ArrayList<>();
    for (RecoveryRecord entry : entries) {
      rows.add(
          new Object[] {
            entry.recoveredAt().toEpochMilli(), entry.outcome(), entry.actor(), String.join(",", entry.tables())
          });
    }
    return rows;
  }

  /** A system table: a fixed row type and a function of the store and the statement's snapshot. */
  private static final class SystemTable extends AbstractTable implements ScannableTable {
    private final List<Property> columns;
    private final BiFunction<GraphStore, Snapshot, List<Object[]>> rows;

    SystemTable(List<Property> columns, BiFunction<GraphStore, Snapshot, List<Object[]>> rows) {
      this.columns = columns;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (Property column : columns) {
        builder.add(column.name(), SqlTypes.of(typeFactory, column));
      }
      return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      GraphStore store = QueryContext.store(root);
      Snapshot snapshot = QueryContext.view(root).snapshot();
      return Linq4j.asEnumerable(rows.apply(store, snapshot));
    }

    @Override
    public org.apache.calcite.schema.Schema.TableType getJdbcTableType() {
      return org.apache.calcite.schema.Schema.TableType.SYSTEM_TABLE;
    }
  }
}
