package dev.quiver.engine.load;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.UpdateResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads one NDJSON file into a new graph in its own JVM (started with a small heap by the test) and prints
 * {@code entities millis peakHeapBytes}. Arguments: graph directory, schema file, NDJSON file.
 */
public final class LoadChild {
  private LoadChild() {}

  public static void main(String[] args) throws Exception {
    String schema = Files.readString(Path.of(args[1]));
    try (GraphStore store = GraphStore.open(OpenOptions.at(args[0]).withCreate(true).withSchema(schema));
        Session session = store.openSession(new SessionOptions("load", Durability.PROCESS, false))) {
      long start = System.nanoTime();
      UpdateResult loaded = (UpdateResult) session.execute("load \"" + args[2] + "\"", List.of());
      long millis = (System.nanoTime() - start) / 1_000_000;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println(loaded.total() + " " + millis + " " + peak);
    }
  }
}
