package dev.quiver.engine.bench;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.UpdateResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A timed harness (not a test): NDJSON {@code load} throughput on the graph workload's data (the generator of
 * the driver's {@code WorkloadData}: persons {@code p<i>}, SplitMix64 Knows edges with ids {@code e<k>}), each
 * repeat into a new graph in the same JVM. {@code mvn -Pbench -pl engine -am verify
 * -Dbench.class=dev.quiver.engine.bench.LoadBench -Dbench.args="100000 500000 3"}
 */
public final class LoadBench {
  private static final String SCHEMA =
      "node Person { pid: String @key  name: String  age: I32? }\nedge Knows: Person -> Person { since: I32 }\n";

  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path base = Files.createTempDirectory("quiver-load-bench");
    try {
      Path file = base.resolve("workload.ndjson");
      writeNdjson(file, persons, edges);
      List<Double> rates = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        Path graph = base.resolve("g" + r);
        try (GraphStore store = GraphStore.open(OpenOptions.at(graph.toString()).withCreate(true).withSchema(SCHEMA));
            Session session = store.openSession(new SessionOptions("bench", Durability.PROCESS, false))) {
          long start = System.nanoTime();
          UpdateResult loaded = (UpdateResult) session.execute("load \"" + file + "\"", List.of());
          double seconds = (System.nanoTime() - start) / 1e9;
          double rate = loaded.total() / seconds;
          rates.add(rate);
          System.err.printf(Locale.ROOT, "run %d: %d entities in %.2f s: %.0f rows/s%n", r, loaded.total(), seconds, rate);
        }
        deleteTree(graph);
      }
      List<Double> sorted = new ArrayList<>(rates);
      Collections.sort(sorted);
      System.out.printf(
          Locale.ROOT,
          "load of %d persons + %d edges (%.1f MB): first run %.0f rows/s, median %.0f rows/s, best %.0f rows/s%n",
          persons, edges, Files.size(file) / 1e6, rates.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    } finally {
      deleteTree(base);
    }
  }

  /** The workload's NDJSON, as {@code WorkloadData.writeNdjson} writes it. */
  private static void writeNdjson(Path file, int persons, int edges) throws IOException {
    long state = 0x5EEDC0FFEEL;
    Set<Long> pairs = new HashSet<>();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(128);
      for (int i = 0; i < persons; i++) {
        line.setLength(0);
        line.append("{\"type\":\"Person\",\"data\":{\"pid\":\"p").append(i).append("\",\"name\":\"Person ").append(i)
            .append('"');
        if (i % 13 != 0) {
          line.append(",\"age\":").append(18 + (i * 7) % 80);
        }
        out.append(line.append("}}\n"));
      }
      int k = 0;
      while (k < edges) {
        state += 0x9E3779B97F4A7C15L;
        int s = (int) Long.remainderUnsigned(mix(state), persons);
        state += 0x9E3779B97F4A7C15L;
        int d = (int) Long.remainderUnsigned(mix(state), persons);
        state += 0x9E3779B97F4A7C15L;
        int since = 1990 + (int) Long.remainderUnsigned(mix(state), 35);
        if (s == d || !pairs.add((long) s * persons + d)) {
          continue;
        }
        line.setLength(0);
        line.append("{\"edge\":\"Knows\",\"from\":\"p").append(s).append("\",\"to\":\"p").append(d)
            .append("\",\"data\":{\"id\":\"e").append(k).append("\",\"since\":").append(since).append("}}\n");
        out.append(line);
        k++;
      }
    }
  }

  /** SplitMix64's output function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
