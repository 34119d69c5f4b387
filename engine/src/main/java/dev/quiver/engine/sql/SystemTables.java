package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.CommitRecord;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.RecoveryRecord;
import dev.quiver.engine.Snapshot;
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
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Schema {@code QUIVER} (SPEC §6): {@code commits}, {@code tables} and {@code recoveries}. Each is small and
 * computed per scan from the statement's view, so it agrees with the snapshot the statement reads: a reader
 * pinned at graph version N does not see commit N+1.
 */
final class SystemTables extends AbstractSchema {
  private final Map<String, Table> tables;

  SystemTables() {
    Map<String, Table> tables = new LinkedHashMap<>(); // listing order is part of the contract
    tables.put(
            "commits",
            new SystemTable(
                List.of(
                    column("graph_version", SqlTypeName.BIGINT, false),
                    column("committed_at", SqlTypeName.TIMESTAMP, false),
                    column("actor", SqlTypeName.VARCHAR, false),
                    column("kind", SqlTypeName.VARCHAR, false),
                    column("tables", SqlTypeName.VARCHAR, false)),
                SystemTables::commits));
    tables.put(
            "tables",
            new SystemTable(
                List.of(
                    column("type_name", SqlTypeName.VARCHAR, false),
                    column("kind", SqlTypeName.VARCHAR, false),
                    column("table_version", SqlTypeName.BIGINT, false),
                    column("row_count", SqlTypeName.BIGINT, false)),
                SystemTables::tables));
    tables.put(
            "recoveries",
            new SystemTable(
                List.of(
                    column("recovered_at", SqlTypeName.TIMESTAMP, false),
                    column("outcome", SqlTypeName.VARCHAR, false),
                    column("actor", SqlTypeName.VARCHAR, false),
                    column("tables", SqlTypeName.VARCHAR, false)),
                (store, snapshot) -> recoveries(store.recoveries())));
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

  private record SystemColumn(String name, SqlTypeName type, boolean nullable) {}

  private static SystemColumn column(String name, SqlTypeName type, boolean nullable) {
    return new SystemColumn(name, type, nullable);
  }

  /** A system table: a fixed row type and a function of the store and the statement's snapshot. */
  private static final class SystemTable extends AbstractTable implements ScannableTable {
    private final List<SystemColumn> columns;
    private final BiFunction<GraphStore, Snapshot, List<Object[]>> rows;

    SystemTable(List<SystemColumn> columns, BiFunction<GraphStore, Snapshot, List<Object[]>> rows) {
      this.columns = columns;
      this.rows = rows;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (SystemColumn column : columns) {
        RelDataType type =
            column.type() == SqlTypeName.TIMESTAMP
                ? typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3)
                : typeFactory.createSqlType(column.type());
        builder.add(column.name(), typeFactory.createTypeWithNullability(type, column.nullable()));
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
