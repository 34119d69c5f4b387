package dev.quiver.engine.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Snapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load of 100,000 nodes and 500,000 edges (the workload data: SplitMix64 edges, seed 0x5EEDC0FFEE) in a JVM
 * whose heap (256 MiB) is smaller than the parsed file would be as rows, so the test fails if the loader holds
 * the file instead of batches. {@code -Dquiver.load.persons=N} scales it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BulkLoadMemoryIT {
  private static final String SCHEMA =
      "node Person { pid: String @key  name: String  age: I32? }\nedge Knows: Person -> Person { since: I32 }\n";

  @TempDir Path directory;

  @Test
  void aLargeLoadRunsInABoundedHeap() throws Exception {
    int persons = Integer.getInteger("quiver.load.persons", 100_000);
    int edges = persons * 5;
    Path file = directory.resolve("workload.ndjson");
    long written = writeWorkload(file, persons, edges);
    Path schema = directory.resolve("workload.pg");
    Files.writeString(schema, SCHEMA);
    Path graph = directory.resolve("graph");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LoadChild.class.getName());
    command.add(graph.toString());
    command.add(schema.toString());
    command.add(file.toString());
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertTrue(child.waitFor(8, TimeUnit.MINUTES), "the load finished");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, child.exitValue(), "the child failed (OutOfMemoryError with a 256 MiB heap?): " + output);
    String[] figures = output.split(" ");
    assertEquals(persons + written, Long.parseLong(figures[0]));
    long millis = Long.parseLong(figures[1]);
    System.out.printf(
        "loaded %d entities (%.1f MB) in %d ms: %.0f rows/s, %.1f MB/s, peak heap %d MiB%n",
        persons + written, Files.size(file) / 1e6, millis, (persons + written) * 1000.0 / millis,
        Files.size(file) / 1e3 / millis, Long.parseLong(figures[2]) >> 20);

    try (GraphStore store = GraphStore.open(OpenOptions.at(graph.toString()).withReadOnly(true))) {
      Snapshot snapshot = store.snapshot();
      assertEquals(2, snapshot.graphVersion(), "one graph commit");
      assertEquals(persons, store.rowCount(snapshot, "node:Person"));
      assertEquals(written, store.rowCount(snapshot, "edge:Knows"));
    }
  }

  /** The workload's data; returns the number of edges written (self-loops and duplicate pairs skipped). */
  static long writeWorkload(Path file, int persons, int edges) throws IOException {
    long state = 0x5EEDC0FFEEL;
    Set<Long> pairs = new HashSet<>();
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < persons; i++) {
        out.write("{\"type\":\"Person\",\"data\":{\"pid\":\"p" + i + "\",\"name\":\"Person " + i + "\"");
        if (i % 13 != 0) {
          out.write(",\"age\":" + (18 + (i * 7) % 80));
        }
        out.write("}}\n");
      }
      for (int i = 0; i < edges; i++) {
        state += 0x9E3779B97F4A7C15L;
        long s = Long.remainderUnsigned(mix(state), persons);
        state += 0x9E3779B97F4A7C15L;
        long d = Long.remainderUnsigned(mix(state), persons);
        state += 0x9E3779B97F4A7C15L;
        long since = 1990 + Long.remainderUnsigned(mix(state), 35);
        if (s == d || !pairs.add(s * persons + d)) {
          continue;
        }
        out.write("{\"edge\":\"Knows\",\"from\":\"p" + s + "\",\"to\":\"p" + d + "\",\"data\":{\"since\":" + since + "}}\n");
        written++;
      }
    }
    return written;
  }

  /** SplitMix64's output function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
