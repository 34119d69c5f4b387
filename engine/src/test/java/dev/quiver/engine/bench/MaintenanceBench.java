package dev.quiver.engine.bench;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.Result;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.testing.GraphRows;
import dev.quiver.engine.testing.TestGraphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A timed harness (not a test): query latency before and after {@code optimize} on a graph built by 1,000
 * single-row commits. Run with {@code mvn -Pbench -pl grammar,engine verify
 * -Dbench.class=dev.quiver.engine.bench.MaintenanceBench -Dbench.args=1000}. Prints a Markdown table for
 * {@code docs/performance.md}.
 */
public final class MaintenanceBench {
  private MaintenanceBench() {}

  private static final String LOOKUP = "SELECT name, age FROM Person WHERE name = 'p421'";
  private static final String COUNT = "SELECT COUNT(*) FROM Person WHERE age = 7";

  public static void main(String[] args) throws Exception {
    int commits = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = 50;
    Path directory = Files.createTempDirectory("quiver-maintenance-bench");
    try (GraphStore store = TestGraphs.withSchema("social.pg").create(directory);
        Session session = store.openSession(new SessionOptions("bench", Durability.PROCESS, false))) {
      for (int i = 0; i < commits; i++) {
        new GraphRows().add("node:Person", "p" + i, "p" + i, i % 50).commit(store);
      }
      Snapshot before = store.snapshot();
      int fragmentsBefore = store.tableStore().fragmentCount("node:Person", before.tableVersion("node:Person"));
      double[] lookupBefore = measure(session, LOOKUP, rounds);
      double[] countBefore = measure(session, COUNT, rounds);
      long start = System.nanoTime();
      session.execute("optimize", List.of());
      double optimizeMs = (System.nanoTime() - start) / 1e6;
      Snapshot after = store.snapshot();
      int fragmentsAfter = store.tableStore().fragmentCount("node:Person", after.tableVersion("node:Person"));
      double[] lookupAfter = measure(session, LOOKUP, rounds);
      double[] countAfter = measure(session, COUNT, rounds);
      start = System.nanoTime();
      session.execute("cleanup keep 1", List.of());
      double cleanupMs = (System.nanoTime() - start) / 1e6;

      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "%d single-row commits; Person fragments %d -> %d; optimize %.0f ms; cleanup keep 1 %.0f ms%n%n",
          commits, fragmentsBefore, fragmentsAfter, optimizeMs, cleanupMs);
      System.out.println("| query (SQL through Session, " + rounds + " rounds) | before: median / p90 ms | after optimize: median / p90 ms |");
      System.out.println("|---|---|---|");
      row("point lookup by key `name = 'p421'`", lookupBefore, lookupAfter);
      row("filtered count `COUNT(*) WHERE age = 7`", countBefore, countAfter);
    }
  }

  private static void row(String name, double[] before, double[] after) {
    System.out.printf(Locale.ROOT, "| %s | %.2f / %.2f | %.2f / %.2f |%n", name, before[0], before[1], after[0], after[1]);
  }

  /** Median and 90th percentile in ms, after 5 warm-up runs. */
  private static double[] measure(Session session, String sql, int rounds) {
    for (int i = 0; i < 5; i++) {
      drain(session.execute(sql, List.of()));
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      drain(session.execute(sql, List.of()));
      times.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(times);
    return new double[] {times.get(times.size() / 2), times.get((int) (times.size() * 0.9))};
  }

  private static void drain(Result result) {
    if (result instanceof QueryResult rows) {
      try (rows) {
        while (rows.rows().next()) {
          rows.rows().row();
        }
      }
    }
  }
}
