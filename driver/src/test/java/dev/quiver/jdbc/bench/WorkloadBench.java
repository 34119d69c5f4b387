package dev.quiver.jdbc.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A timed harness (not a test): the graph workload of the performance issue, every row through Quiver's JDBC
 * driver with {@code durability=fsync} and {@code durability=process}, and beside it the same work hand-written
 * over raw lance-java on the same data. Every answer is verified (counts, sums, checksums, and the three sides
 * against each other). Writes a Markdown section.
 *
 * <p>{@code mvn -q -o -Pbench -pl driver -am verify -DskipTests -Dengine.bench.skip=true
 * -Dworkload.args="persons edges repeats rounds output.md [rows]"}; rows is a comma-separated subset of
 * lookup,aggregate,fof,scan,txn,concurrent,update,delete (the load always runs);
 * defaults 100000 500000 3 200 target/workload-bench.md.
 */
public final class WorkloadBench {
  private static final int CLIENTS = 8;
  private static final int BATCH = 1_000;

  private final WorkloadData data;
  private final List<Workload> sides;
  private final int repeats;
  private final int rounds;
  private final List<RowResult> results = new ArrayList<>();

  private WorkloadBench(WorkloadData data, List<Workload> sides, int repeats, int rounds) {
    this.data = data;
    this.sides = sides;
    this.repeats = repeats;
    this.rounds = rounds;
  }

  public static void main(String[] args) throws Exception {
    int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    Path output = Paths.get(args.length > 4 ? args[4] : "target/workload-bench.md");
    Path base = Files.createTempDirectory("quiver-workload-bench");
    long start = System.nanoTime();
    WorkloadData data = new WorkloadData(persons, edges);
    List<Workload> sides = List.of(new JdbcWorkload(data, "fsync"), new JdbcWorkload(data, "process"),
        new LanceWorkload(data));
    WorkloadBench bench = new WorkloadBench(data, sides, repeats, rounds);
    try {
      bench.run(base, args.length > 5 ? java.util.Set.of(args[5].split(",")) : java.util.Set.of());
    } finally {
      for (Workload side : sides) {
        side.close();
      }
    }
    String markdown = bench.markdown(persons, edges, (System.nanoTime() - start) / 1e9);
    System.out.println(markdown);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, markdown);
  }

  /** The existing endpoints of small transaction (client, sequence): two distinct persons. */
  static int[] smallTransactionEnds(int persons, int client, int sequence) {
    WorkloadData.SplitMix64 random = new WorkloadData.SplitMix64(((long) client << 32) ^ sequence);
    int a = (int) Long.remainderUnsigned(random.next(), persons);
    int b = (int) Long.remainderUnsigned(random.next(), persons - 1);
    return new int[] {a, b >= a ? b + 1 : b};
  }

  private void run(Path base, java.util.Set<String> only) throws Exception {
    load(base);
    if (only.isEmpty() || only.contains("lookup")) {
      pointLookup();
    }
    if (only.isEmpty() || only.contains("aggregate")) {
      countAverage();
    }
    if (only.isEmpty() || only.contains("fof")) {
      friendsOfFriends();
    }
    if (only.isEmpty() || only.contains("scan")) {
      fullScan();
    }
    if (only.isEmpty() || only.contains("txn")) {
      smallTransactions();
    }
    if (only.isEmpty() || only.contains("concurrent")) {
      concurrentTransactions();
    }
    if (only.isEmpty() || only.contains("update")) {
      update();
    }
    if (only.isEmpty() || only.contains("delete")) {
      cascadeDelete();
    }
  }

  // ---- rows ----

  private void load(Path base) throws Exception {
    RowResult row = row("bulk load (`load` of one NDJSON file / Arrow append)", "rows/s", "≥ 600k", 600_000, true);
    for (int r = 0; r < repeats; r++) {
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        Path directory = base.resolve("side" + s).resolve("load" + r);
        Files.createDirectories(directory.getParent());
        long t0 = System.nanoTime();
        side.load(directory);
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(side, "Person rows after load", data.persons, side.count("Person"));
        check(side, "Knows rows after load", data.edges(), side.count("Knows"));
        row.add(s, (data.persons + data.edges()) / seconds);
      }
      progress(row);
    }
  }

  private void pointLookup() throws Exception {
    RowResult row = row("point lookup by id (prepared `WHERE id = ?`)", "lookups/s", "≥ 200k", 200_000, true);
    for (int r = 0; r <= repeats; r++) { // repeat 0 warms up
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        // Raw lance-java has no index here (a full scan per lookup, ~300/s): it gets fewer lookups, the rate
        // is per second either way.
        int lookups = side instanceof LanceWorkload ? Math.max(rounds * 5, 200) : Math.max(rounds * 200, 2_000);
        WorkloadData.SplitMix64 random = new WorkloadData.SplitMix64(r);
        long t0 = System.nanoTime();
        for (int k = 0; k < lookups; k++) {
          int i = (int) Long.remainderUnsigned(random.next(), data.persons);
          Object[] found = side.lookup(i);
          if (found == null || !("Person " + i).equals(found[0]) || !java.util.Objects.equals(WorkloadData.age(i), found[1])) {
            throw new IllegalStateException(side.name() + ": lookup of p" + i + " returned " + java.util.Arrays.toString(found));
          }
        }
        if (r > 0) {
          row.add(s, lookups / ((System.nanoTime() - t0) / 1e9));
        }
      }
    }
    progress(row);
  }

  private void countAverage() throws Exception {
    RowResult row = row("count + avg where age between 30 and 40", "ms", "≤ 1", 1, false);
    long[] expected = data.ageCountSum(30, 40);
    // A query of a few milliseconds: as many runs as the latency rows have, so the median is of a warm JVM.
    for (int r = 0; r <= Math.max(repeats * 5, rounds); r++) {
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        long t0 = System.nanoTime();
        double[] answer = side.countAverage();
        double ms = (System.nanoTime() - t0) / 1e6;
        check(side, "count of ages 30..40", expected[0], (long) answer[0]);
        if (Math.abs(answer[1] - (double) expected[1] / expected[0]) > 1e-9) {
          throw new IllegalStateException(side.name() + ": average " + answer[1]);
        }
        if (r > 0) {
          row.add(s, ms);
        }
      }
    }
    progress(row);
  }

  private void friendsOfFriends() throws Exception {
    RowResult row = row("2-hop distinct friends-of-friends, 200 persons, one query each", "ms", "≤ 15", 15, false);
    int[] starts = data.starts(200);
    long expected = data.friendsOfFriends(starts);
    // Raw lance-java takes seconds a run; Quiver's runs take milliseconds and get more of them (a warm JVM).
    for (int r = 0; r <= Math.max(repeats, 10); r++) {
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        if (side instanceof LanceWorkload && r > repeats) {
          continue;
        }
        long t0 = System.nanoTime();
        long total = 0;
        for (int start : starts) {
          total += side.friendsOfFriends(start);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        check(side, "friends-of-friends total", expected, total);
        if (r > 0) {
          row.add(s, ms);
        }
      }
      progress(row);
    }
  }

  private void fullScan() throws Exception {
    RowResult row = row("full scan of Knows, every value read", "rows/s", "≥ 6M", 6_000_000, true);
    for (int r = 0; r <= repeats; r++) {
      long[] first = null;
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        long t0 = System.nanoTime();
        long[] totals = side.fullScan();
        double seconds = (System.nanoTime() - t0) / 1e9;
        check(side, "Knows rows scanned", data.edges(), totals[0]);
        check(side, "sum of since", data.sinceSum(), totals[1]);
        if (first != null) {
          check(side, "id/src/dst checksum", first[2], totals[2]);
        }
        first = totals;
        if (r > 0) {
          row.add(s, totals[0] / seconds);
        }
      }
    }
    progress(row);
  }

  private void smallTransactions() throws Exception {
    RowResult median = row("small txn (1 node + 2 edges), median", "ms", "≤ 5", 5, false);
    RowResult p99 = row("small txn (1 node + 2 edges), p99", "ms", "≤ 15", 15, false);
    int warmUp = Math.max(rounds / 10, 5);
    for (int s = 0; s < sides.size(); s++) {
      Workload side = sides.get(s);
      List<Double> latencies = new ArrayList<>();
      for (int k = 0; k < warmUp + rounds; k++) {
        long t0 = System.nanoTime();
        side.smallTransaction(0, k);
        if (k >= warmUp) {
          latencies.add((System.nanoTime() - t0) / 1e6);
        }
      }
      Collections.sort(latencies);
      median.add(s, percentile(latencies, 0.5));
      p99.add(s, percentile(latencies, 0.99));
      median.range(s, latencies.get(0), latencies.get(latencies.size() - 1));
      p99.range(s, latencies.get(0), latencies.get(latencies.size() - 1));
    }
    verifySidesAgree("after the small transactions");
    progress(median);
    progress(p99);
  }

  private void concurrentTransactions() throws Exception {
    RowResult row = row("small txn, 8 concurrent clients", "txn/s", "≥ 1,000", 1_000, true);
    int perClient = Math.max(rounds / CLIENTS, 5);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int r = 0; r < repeats; r++) {
        for (int s = 0; s < sides.size(); s++) {
          Workload side = sides.get(s);
          List<Workload> clients = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            clients.add(side.client());
          }
          int round = r;
          long t0 = System.nanoTime();
          List<Future<?>> done = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            Workload client = clients.get(c);
            int id = c + 1;
            done.add(pool.submit(() -> {
              for (int k = 0; k < perClient; k++) {
                client.smallTransaction(id, round * 100_000 + k);
              }
              return null;
            }));
          }
          for (Future<?> future : done) {
            future.get();
          }
          row.add(s, CLIENTS * perClient / ((System.nanoTime() - t0) / 1e9));
          for (Workload client : clients) {
            client.close();
          }
        }
        progress(row);
      }
    } finally {
      pool.shutdown();
    }
    verifySidesAgree("after the concurrent transactions");
  }

  private void update() throws Exception {
    RowResult row = row("update 1,000 persons by id in one txn", "ms", "≤ 30", 30, false);
    int stride = data.persons / BATCH;
    for (int r = 0; r < repeats; r++) {
      int[] ids = new int[BATCH];
      for (int k = 0; k < BATCH; k++) {
        ids[k] = k * stride + r;
      }
      int age = 90 + r;
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        long before = side.ageSum();
        long delta = 0;
        for (int i : ids) {
          Integer old = WorkloadData.age(i); // the sets of persons are disjoint per repeat
          delta += age - (old == null ? 0 : old);
        }
        long t0 = System.nanoTime();
        side.update(ids, age);
        row.add(s, (System.nanoTime() - t0) / 1e6);
        check(side, "sum of ages after the update", before + delta, side.ageSum());
      }
      verifySidesAgree("after update " + r);
      progress(row);
    }
  }

  private void cascadeDelete() throws Exception {
    RowResult row = row("cascade delete of 1,000 persons", "ms", "≤ 250", 250, false);
    int stride = data.persons / BATCH;
    for (int r = 0; r < repeats; r++) {
      int[] ids = new int[BATCH];
      for (int k = 0; k < BATCH; k++) {
        ids[k] = k * stride + stride / 2 + r; // disjoint from the updated persons
      }
      for (int s = 0; s < sides.size(); s++) {
        Workload side = sides.get(s);
        long persons = side.count("Person");
        System.err.println("[bench] cascade delete on " + side.name());
        long t0 = System.nanoTime();
        side.cascadeDelete(ids);
        row.add(s, (System.nanoTime() - t0) / 1e6);
        check(side, "Person rows after the delete", persons - BATCH, side.count("Person"));
      }
      verifySidesAgree("after cascade delete " + r);
      progress(row);
    }
  }

  // ---- verification and statistics ----

  private void verifySidesAgree(String when) throws Exception {
    Workload reference = sides.get(sides.size() - 1);
    long persons = reference.count("Person");
    long knows = reference.count("Knows");
    long ages = reference.ageSum();
    for (Workload side : sides) {
      check(side, "Person rows " + when, persons, side.count("Person"));
      check(side, "Knows rows " + when, knows, side.count("Knows"));
      check(side, "sum of ages " + when, ages, side.ageSum());
    }
  }

  private static void check(Workload side, String what, long expected, long actual) {
    if (expected != actual) {
      throw new IllegalStateException(side.name() + ": " + what + " is " + actual + ", expected " + expected);
    }
  }

  private static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private RowResult row(String name, String unit, String target, double goal, boolean higherIsBetter) {
    RowResult row = new RowResult(name, unit, target, goal, higherIsBetter, sides.size());
    results.add(row);
    return row;
  }

  private static void progress(RowResult row) {
    System.err.println("[bench] " + row.name + ": " + row.summary());
  }

  private String markdown(int persons, int edges, double seconds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "%,d persons / %,d Knows edges; %d repeats, %d rounds for latencies; run %s, %.0f s in all; "
            + "load average at the end %.1f on %d cores.%n%n",
        persons, edges, repeats, rounds, LocalDate.now(), seconds,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors()));
    out.append("| row | unit | target | Quiver fsync: median (min–max) | Quiver process: median (min–max) "
        + "| raw lance-java: median (min–max) | fsync ÷ raw | target met (fsync) |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (RowResult row : results) {
      out.append("| ").append(row.name).append(" | ").append(row.unit).append(" | ").append(row.target);
      for (int s = 0; s < sides.size(); s++) {
        out.append(" | ").append(row.cell(s));
      }
      out.append(String.format(Locale.ROOT, " | %.2f× | %s |%n", row.median(0) / row.median(sides.size() - 1),
          row.met(0) ? "yes" : "no"));
    }
    return out.toString();
  }

  /** Samples of one row per side; a latency row may carry its own min–max. */
  private static final class RowResult {
    final String name;
    final String unit;
    final String target;
    final double goal;
    final boolean higherIsBetter;
    final List<List<Double>> samples = new ArrayList<>();
    final double[][] ranges;

    RowResult(String name, String unit, String target, double goal, boolean higherIsBetter, int sides) {
      this.name = name;
      this.unit = unit;
      this.target = target;
      this.goal = goal;
      this.higherIsBetter = higherIsBetter;
      for (int s = 0; s < sides; s++) {
        samples.add(new ArrayList<>());
      }
      ranges = new double[sides][];
    }

    void add(int side, double value) {
      samples.get(side).add(value);
    }

    void range(int side, double min, double max) {
      ranges[side] = new double[] {min, max};
    }

    double median(int side) {
      List<Double> sorted = new ArrayList<>(samples.get(side));
      Collections.sort(sorted);
      return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    boolean met(int side) {
      double median = median(side);
      return higherIsBetter ? median >= goal : median <= goal;
    }

    String cell(int side) {
      List<Double> sorted = new ArrayList<>(samples.get(side));
      Collections.sort(sorted);
      double min = ranges[side] != null ? ranges[side][0] : sorted.get(0);
      double max = ranges[side] != null ? ranges[side][1] : sorted.get(sorted.size() - 1);
      return format(median(side)) + " (" + format(min) + "–" + format(max) + ")";
    }

    String summary() {
      StringBuilder out = new StringBuilder();
      for (int s = 0; s < samples.size(); s++) {
        out.append(s > 0 ? " | " : "").append(samples.get(s).isEmpty() ? "-" : cell(s));
      }
      return out.toString();
    }

    private static String format(double value) {
      if (value >= 1_000_000) {
        return String.format(Locale.ROOT, "%.2fM", value / 1e6);
      }
      if (value >= 10_000) {
        return String.format(Locale.ROOT, "%.0fk", value / 1e3);
      }
      if (value >= 100) {
        return String.format(Locale.ROOT, "%.0f", value);
      }
      return String.format(Locale.ROOT, "%.2f", value);
    }
  }
}
