package dev.quiver.engine.commit;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphException;
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
 * A writer in its own JVM: stages one row against an expected table version, waits for a go file, commits,
 * and prints OK or CONFLICT. Arm {@code -Dquiver.failpoints=publish.before=halt} to make it die between its
 * table commit and its publish.
 *
 * <p>Arguments: graph root, table key, expected version, go file (or "-"), row id.
 */
public final class CommitChild {
  private CommitChild() {}

  public static void main(String[] args) throws Exception {
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
}
