package dev.quiver.engine.bench;

import dev.quiver.engine.Durability;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.commit.GraphCommitter;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.ManifestStore;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.storage.TableStore;
import dev.quiver.engine.testing.PersonRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.lance.CommitBuilder;
import org.lance.Dataset;
import org.lance.Fragment;
import org.lance.FragmentMetadata;
import org.lance.Transaction;
import org.lance.WriteParams;
import org.lance.operation.Append;

/**
 * A timed harness (not a test; run with {@code mvn -Pbench -pl engine -am verify}): the latency of a one-row
 * graph commit (stage + table commit + manifest publish) against a bare lance-java append of the same row,
 * in one run on the same machine. Prints a Markdown table for {@code docs/performance.md}.
 */
public final class CommitBench {
  private CommitBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path base = Files.createTempDirectory("quiver-bench");
    try (RootAllocator allocator = new RootAllocator()) {
      List<double[]> results = new ArrayList<>();
      results.add(measure("raw lance-java: Fragment.write + Append commit", rounds, rawLance(base.resolve("raw"), allocator)));
      results.add(measure("Quiver: stage + commit + publish, durability=process", rounds, quiver(base.resolve("q1"), allocator, Durability.PROCESS)));
      results.add(measure("Quiver: stage + commit + publish, durability=fsync", rounds, quiver(base.resolve("q2"), allocator, Durability.FSYNC)));
      System.out.println();
      System.out.println("| operation (1 row, " + rounds + " rounds) | median ms | p99 ms | min ms | ratio to raw (median) |");
      System.out.println("|---|---|---|---|---|");
      String[] names = {
        "raw lance-java append (write + commit)",
        "Quiver graph commit, `durability=process`",
        "Quiver graph commit, `durability=fsync`"
      };
      double raw = results.get(0)[0];
      for (int i = 0; i < results.size(); i++) {
        double[] r = results.get(i);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f× |%n", names[i], r[0], r[1], r[2], r[0] / raw);
      }
    }
  }

  /** One round of work; returns nothing, timed by the caller. */
  private interface Round {
    void run(int i) throws Exception;
  }

  private static double[] measure(String name, int rounds, Round round) throws Exception {
    for (int i = 0; i < 30; i++) {
      round.run(-1 - i); // warm-up
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      round.run(i);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    double median = millis.get(millis.size() / 2);
    double p99 = millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.99) - 1));
    System.err.printf(Locale.ROOT, "%s: median %.2f ms, p99 %.2f ms%n", name, median, p99);
    return new double[] {median, p99, millis.get(0)};
  }

  private static Round rawLance(Path directory, RootAllocator allocator) {
    String uri = directory.toString();
    try (Transaction create =
            new Transaction.Builder()
                .operation(org.lance.operation.Overwrite.builder().fragments(List.of()).schema(PersonRows.SCHEMA).build())
                .build();
        Dataset ignored = new CommitBuilder(uri, allocator).execute(create)) {
      // created
    }
    return i -> {
      try (VectorSchemaRoot rows = PersonRows.of(allocator, PersonRows.rows("r" + i, i));
          Dataset head = Dataset.open(uri, allocator)) {
        List<FragmentMetadata> fragments =
            Fragment.write().datasetUri(uri).allocator(allocator).data(rows).writeParams(new WriteParams.Builder().build()).execute();
        try (Transaction tx =
                new Transaction.Builder().readVersion(head.version()).operation(Append.builder().fragments(fragments).build()).build();
            Dataset committed = new CommitBuilder(head).maxRetries(0).skipAutoCleanup(true).execute(tx)) {
          if (committed.version() != head.version() + 1) {
            throw new IllegalStateException("unexpected version");
          }
        }
      }
    };
  }

  private static Round quiver(Path root, RootAllocator allocator, Durability durability) {
    TableStore tables = new TableStore(root, allocator);
    ManifestStore manifest = new ManifestStore(root, allocator);
    GraphCommitter committer = new GraphCommitter(root, tables, manifest);
    long person = tables.commitStaged(tables.stageCreate("node:Person", PersonRows.SCHEMA), 0);
    manifest.create(Map.of("node:Person", person), "", "bench", "schema");
    return i -> {
      ManifestState current = manifest.read();
      long pin = current.tables().get("node:Person");
      StagedWrite write;
      try (VectorSchemaRoot rows = PersonRows.of(allocator, PersonRows.rows("r" + i, i))) {
        write = tables.stageAppend("node:Person", pin, rows);
      }
      committer.commit(
          new CommitRequest("bench", "mutation", Map.of("node:Person", pin), -1, List.of(write), null, durability));
    };
  }
}
