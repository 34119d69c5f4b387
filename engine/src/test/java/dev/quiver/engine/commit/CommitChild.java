package dev.quiver.engine.commit;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.testing.PersonRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A writer in its own JVM. Arm {@code -Dquiver.failpoints=publish.before=halt} to make it die at a step.
 *
 * <ul>
 *   <li>{@code <root> <table> <expected version> <go file or -> <row id>}: stages one row against an expected
 *       table version, waits for the go file, commits, and prints OK or CONFLICT.
 *   <li>{@code two <root> <row id>}: commits the row to {@code node:Person} and {@code node:Company} in one
 *       graph commit and prints OK.
 *   <li>{@code loop <root> <prefix>}: commits rows {@code <prefix>0, <prefix>1, …} to both tables, one graph
 *       commit each, forever, printing {@code ACK <id>} after each commit returns (until it is killed).
 * </ul>
 */
public final class CommitChild {
  private CommitChild() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("two") || args[0].equals("loop")) {
      twoTables(args[0].equals("loop"), Path.of(args[1]), args[2]);
      return;
    }
    Path root = Path.of(args[0]);
    String table = args[1];
    long expected = Long.parseLong(args[2]);
    Path go = "-".equals(args[3]) ? null : Path.of(args[3]);
    String id = args[4];
    try (RootAllocator allocator = new RootAllocator()) {
      TableStore tables = new TableStore(root, allocator);
      GraphCommitter committer = new GraphCommitter(root, tables, new ManifestStore(root, allocator));
      StagedWrite write;
      try (VectorSchemaRoot rows = PersonRows.of(allocator, PersonRows.rows(id, 1))) {
        write = tables.stageAppend(table, expected, rows);
      }
      System.out.println("STAGED");
      System.out.flush();
      while (go != null && !Files.exists(go)) {
        Thread.sleep(5);
      }
      try {
        committer.commit(
            new CommitRequest("child-" + id, "mutation", Map.of(table, expected), -1, List.of(write), null, Durability.PROCESS));
        System.out.println("OK");
      } catch (GraphException e) {
        System.out.println("CONFLICT " + e.code() + " " + e.getMessage());
      }
    }
  }

  private static void twoTables(boolean loop, Path root, String id) {
    List<String> both = List.of("node:Person", "node:Company");
    try (RootAllocator allocator = new RootAllocator()) {
      TableStore tables = new TableStore(root, allocator);
      ManifestStore manifest = new ManifestStore(root, allocator);
      GraphCommitter committer = new GraphCommitter(root, tables, manifest);
      for (int i = 0; ; i++) {
        String rowId = loop ? id + i : id;
        ManifestState base = manifest.read();
        List<StagedWrite> writes = new java.util.ArrayList<>();
        Map<String, Long> expected = new java.util.HashMap<>();
        for (String table : both) {
          long pin = base.tables().get(table);
          try (VectorSchemaRoot rows = PersonRows.of(allocator, PersonRows.rows(rowId, i))) {
            writes.add(tables.stageAppend(table, pin, rows));
          }
          expected.put(table, pin);
        }
        committer.commit(
            new CommitRequest("child-" + id, "mutation", expected, -1, writes, null, Durability.PROCESS));
        System.out.println(loop ? "ACK " + rowId : "OK");
        System.out.flush();
        if (!loop) {
          return;
        }
      }
    }
  }
}
