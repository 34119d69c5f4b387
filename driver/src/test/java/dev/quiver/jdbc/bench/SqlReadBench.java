package dev.quiver.jdbc.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.ReadOptions;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/**
 * A timed harness (not a test): SQL reads through JDBC beside the same reads done directly with lance-java on
 * the same datasets, opened at the versions the graph manifest pins. Every answer is checked against values
 * computed from the generated data, so a fast wrong answer fails the run.
 *
 * <p>{@code mvn -q -o -Pbench -pl driver -am verify -Dengine.bench.skip=true -Dsqlbench.args="100000 500000"}
 */
public final class SqlReadBench {
  private static final String SCHEMA =
      "node Person { name: String @key  age: I32  grp: I32 }\nedge Knows: Person -> Person\n";
  private static final int LOOKUPS = 2000;
  private static final int PLAN_ROUNDS = 200;

  private SqlReadBench() {}

  private static int age(int i) {
    return 18 + (int) ((i * 7919L) % 63);
  }

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int groups = nodes / 200; // grp = 0 selects 200 persons
    Path base = Files.createTempDirectory("quiver-sql-bench");
    int[][] edgeList = new int[edges][2];
    long seed = 42;
    for (int i = 0; i < edges; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      edgeList[i][0] = (int) Long.remainderUnsigned(seed >>> 17, nodes);
      edgeList[i][1] = (int) Long.remainderUnsigned(seed >>> 33, nodes);
    }
    Path ndjson = base.resolve("graph.ndjson");
    try (BufferedWriter out = Files.newBufferedWriter(ndjson, UTF_8)) {
      for (int i = 0; i < nodes; i++) {
        out.write("{\"type\":\"Person\",\"data\":{\"name\":\"p" + i + "\",\"age\":" + age(i) + ",\"grp\":" + (i % groups) + "}}\n");
      }
      for (int[] e : edgeList) {
        out.write("{\"edge\":\"Knows\",\"from\":\"p" + e[0] + "\",\"to\":\"p" + e[1] + "\"}\n");
      }
    }

    // What every answer must be.
    long expectedCount = 0;
    long expectedAgeSum = 0;
    for (int i = 0; i < nodes; i++) {
      if (age(i) >= 30 && age(i) <= 40) {
        expectedCount++;
        expectedAgeSum += age(i);
      }
    }
    long expectedChecksum = 0;
    for (int[] e : edgeList) {
      expectedChecksum += pairHash("p" + e[0], "p" + e[1]);
    }
    Set<Integer> starts = new HashSet<>();
    for (int i = 0; i < nodes; i += groups) {
      starts.add(i);
    }
    long expectedFof = fofPairs(starts, adjacency(edgeList));

    String url = "jdbc:quiver:" + base.resolve("graph") + "?create=true&durability=process";
    try (Connection connection = DriverManager.getConnection(url);
        RootAllocator allocator = new RootAllocator()) {
      long t0 = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(SCHEMA);
        long loaded = statement.executeUpdate("load \"" + ndjson + "\"");
        long t1 = System.nanoTime();
        statement.executeUpdate("optimize");
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "built %d persons / %d Knows: load %d entities in %.1f s, optimize %.1f s%n",
            nodes, edges, loaded, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      }

      // Calcite's first statement in this JVM (class loading and code generation, unless warm-up got there first).
      long first = System.nanoTime();
      check(count(connection, "SELECT COUNT(*) FROM Person") == nodes, "person count");
      double firstMs = (System.nanoTime() - first) / 1e6;

      Map<String, Long> versions = new HashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT type_name, table_version FROM QUIVER.tables")) {
        while (rs.next()) {
          versions.put(rs.getString(1), rs.getLong(2));
        }
      }
      String personUri = base.resolve("graph").resolve("nodes").resolve("Person").toString();
      String knowsUri = base.resolve("graph").resolve("edges").resolve("Knows").toString();
      try (Dataset person = open(allocator, personUri, versions.get("Person"));
          Dataset knows = open(allocator, knowsUri, versions.get("Knows"))) {
        List<String> rows = new ArrayList<>();

        // 1. point lookups by id
        java.util.Random random = new java.util.Random(7);
        int[] ids = random.ints(LOOKUPS + 200, 0, nodes).toArray();
        double jdbcLookups;
        try (PreparedStatement lookup = connection.prepareStatement("SELECT name, age FROM Person WHERE id = ?")) {
          for (int w = 0; w < 200; w++) {
            lookupJdbc(lookup, ids[LOOKUPS + w]);
          }
          long start = System.nanoTime();
          for (int k = 0; k < LOOKUPS; k++) {
            lookupJdbc(lookup, ids[k]);
          }
          jdbcLookups = LOOKUPS / ((System.nanoTime() - start) / 1e9);
        }
        for (int w = 0; w < 200; w++) {
          lookupLance(person, ids[LOOKUPS + w]);
        }
        long start = System.nanoTime();
        for (int k = 0; k < LOOKUPS; k++) {
          lookupLance(person, ids[k]);
        }
        double lanceLookups = LOOKUPS / ((System.nanoTime() - start) / 1e9);
        rows.add(String.format(Locale.ROOT, "| point lookup by `id` (%d, prepared) | %.0f lookups/s | %.0f lookups/s | %.1f× |",
            LOOKUPS, jdbcLookups, lanceLookups, lanceLookups / jdbcLookups));

        // 2. filtered aggregate
        final long count = expectedCount;
        final double avg = (double) expectedAgeSum / expectedCount;
        double aggJdbc = median(repeats, () -> {
          try (Statement statement = connection.createStatement();
              ResultSet rs = statement.executeQuery("SELECT COUNT(*), AVG(age) FROM Person WHERE age BETWEEN 30 AND 40")) {
            rs.next();
            check(rs.getLong(1) == count, "aggregate count " + rs.getLong(1) + " != " + count);
            // AVG of an INTEGER column is an INTEGER in Calcite (truncated)
            check(Math.abs(rs.getDouble(2) - Math.floor(avg)) < 1e-9 || Math.abs(rs.getDouble(2) - avg) < 1e-9,
                "aggregate avg " + rs.getDouble(2) + " vs " + avg);
          }
        });
        double aggLance = median(repeats, () -> {
          long[] countSum = new long[2];
          scan(person, List.of("age"), "age >= 30 AND age <= 40", root -> {
            IntVector age = (IntVector) root.getVector("age");
            for (int i = 0; i < root.getRowCount(); i++) {
              countSum[0]++;
              countSum[1] += age.get(i);
            }
          });
          check(countSum[0] == count && Math.abs((double) countSum[1] / countSum[0] - avg) < 1e-9, "lance aggregate");
        });
        rows.add(String.format(Locale.ROOT,
            "| `COUNT(*), AVG(age) WHERE age BETWEEN 30 AND 40` (%d rows match) | %.0f ms | %.0f ms | %.1f× |",
            count, aggJdbc, aggLance, aggJdbc / aggLance));

        // 3. full scan of Knows
        final long checksum = expectedChecksum;
        double scanJdbc = median(repeats, () -> {
          long sum = 0;
          long n = 0;
          try (Statement statement = connection.createStatement();
              ResultSet rs = statement.executeQuery("SELECT src, dst FROM Knows")) {
            while (rs.next()) {
              sum += pairHash(rs.getString(1), rs.getString(2));
              n++;
            }
          }
          check(n == edges && sum == checksum, "JDBC scan checksum");
        });
        double scanLance = median(repeats, () -> {
          long[] sumN = new long[2];
          scan(knows, List.of("src", "dst"), null, root -> {
            VarCharVector src = (VarCharVector) root.getVector("src");
            VarCharVector dst = (VarCharVector) root.getVector("dst");
            for (int i = 0; i < root.getRowCount(); i++) {
              sumN[0] += pairHash(new String(src.get(i), UTF_8), new String(dst.get(i), UTF_8));
              sumN[1]++;
            }
          });
          check(sumN[1] == edges && sumN[0] == checksum, "lance scan checksum");
        });
        rows.add(String.format(Locale.ROOT, "| full scan of `Knows` (`src`, `dst`; %d rows) | %.0f rows/s (%.0f ms) | %.0f rows/s (%.0f ms) | %.1f× |",
            edges, edges / (scanJdbc / 1e3), scanJdbc, edges / (scanLance / 1e3), scanLance, scanJdbc / scanLance));

        // 4. distinct friends-of-friends of 200 persons
        final long fof = expectedFof;
        String twoHop =
            "SELECT COUNT(*) FROM (SELECT DISTINCT p.id, k2.dst FROM Person p JOIN Knows k1 ON k1.src = p.id "
                + "JOIN Knows k2 ON k2.src = k1.dst WHERE p.grp = 0)";
        double hopJdbc = median(repeats, () -> check(count(connection, twoHop) == fof, "JDBC 2-hop"));
        double hopLance = median(repeats, () -> {
          Set<Integer> ownStarts = new HashSet<>();
          scan(person, List.of("name"), "grp = 0", root -> {
            VarCharVector name = (VarCharVector) root.getVector("name");
            for (int i = 0; i < root.getRowCount(); i++) {
              ownStarts.add(Integer.parseInt(new String(name.get(i), UTF_8).substring(1)));
            }
          });
          Map<Integer, List<Integer>> adjacency = new HashMap<>();
          scan(knows, List.of("src", "dst"), null, root -> {
            VarCharVector src = (VarCharVector) root.getVector("src");
            VarCharVector dst = (VarCharVector) root.getVector("dst");
            for (int i = 0; i < root.getRowCount(); i++) {
              adjacency.computeIfAbsent(Integer.parseInt(new String(src.get(i), UTF_8).substring(1)), k -> new ArrayList<>())
                  .add(Integer.parseInt(new String(dst.get(i), UTF_8).substring(1)));
            }
          });
          check(fofPairs(ownStarts, adjacency) == fof, "lance 2-hop");
        });
        rows.add(String.format(Locale.ROOT, "| distinct friends-of-friends of 200 persons (%d pairs) | %.0f ms | %.0f ms | %.1f× |",
            fof, hopJdbc, hopLance, hopJdbc / hopLance));

        System.out.println();
        System.out.println("| read | JDBC (SQL) | lance-java | JDBC time / lance-java time |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);

        // 5. planning overhead per statement
        System.out.println();
        System.out.printf(Locale.ROOT, "first SQL statement in the JVM (SELECT COUNT(*) FROM Person): %.0f ms%n", firstMs);
        System.out.println("| statement form (point lookup, " + PLAN_ROUNDS + " executions) | mean ms |");
        System.out.println("|---|---|");
        double distinct = meanMs(PLAN_ROUNDS, k -> {
          try (Statement statement = connection.createStatement();
              ResultSet rs = statement.executeQuery("SELECT name, age FROM Person WHERE id = 'p" + ids[k] + "'")) {
            checkRow(rs, ids[k]);
          }
        });
        double same = meanMs(PLAN_ROUNDS, k -> {
          try (Statement statement = connection.createStatement();
              ResultSet rs = statement.executeQuery("SELECT name, age FROM Person WHERE id = 'p" + ids[0] + "'")) {
            checkRow(rs, ids[0]);
          }
        });
        double prepareEach = meanMs(PLAN_ROUNDS, k -> {
          try (PreparedStatement statement = connection.prepareStatement("SELECT name, age FROM Person WHERE id = ?")) {
            lookupJdbc(statement, ids[k]);
          }
        });
        double prepared;
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, age FROM Person WHERE id = ?")) {
          prepared = meanMs(PLAN_ROUNDS, k -> lookupJdbc(statement, ids[k]));
        }
        System.out.printf(Locale.ROOT, "| `Statement`, a new literal each time (plan cache miss: parse, validate, plan, generate code) | %.2f |%n", distinct);
        System.out.printf(Locale.ROOT, "| `Statement`, the same text each time (cached plan) | %.2f |%n", same);
        System.out.printf(Locale.ROOT, "| `prepareStatement` + execute each time, same `?` text (cached plan) | %.2f |%n", prepareEach);
        System.out.printf(Locale.ROOT, "| one `PreparedStatement` re-executed | %.2f |%n", prepared);
        System.out.printf(Locale.ROOT, "planning overhead per uncached statement: %.2f ms%n", distinct - same);
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private interface IndexedWork {
    void run(int k) throws Exception;
  }

  private interface BatchConsumer {
    void accept(VectorSchemaRoot root);
  }

  private static Dataset open(RootAllocator allocator, String uri, Long version) {
    if (version == null) {
      throw new IllegalStateException("no pinned version for " + uri);
    }
    return Dataset.open(allocator, uri, new ReadOptions.Builder().setVersion(version).build());
  }

  private static void scan(Dataset dataset, List<String> columns, String filter, BatchConsumer consumer) {
    ScanOptions.Builder options = new ScanOptions.Builder().columns(columns).batchSize(8192);
    if (filter != null) {
      options.filter(filter);
    }
    try (LanceScanner scanner = dataset.newScan(options.build());
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        consumer.accept(reader.getVectorSchemaRoot());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void lookupJdbc(PreparedStatement lookup, int i) throws SQLException {
    lookup.setString(1, "p" + i);
    try (ResultSet rs = lookup.executeQuery()) {
      checkRow(rs, i);
    }
  }

  private static void checkRow(ResultSet rs, int i) throws SQLException {
    check(rs.next() && rs.getString(1).equals("p" + i) && rs.getInt(2) == age(i) && !rs.next(), "lookup of p" + i);
  }

  private static void lookupLance(Dataset person, int i) {
    int[] found = new int[1];
    scan(person, List.of("name", "age"), "id = 'p" + i + "'", root -> {
      VarCharVector name = (VarCharVector) root.getVector("name");
      IntVector age = (IntVector) root.getVector("age");
      for (int r = 0; r < root.getRowCount(); r++) {
        check(new String(name.get(r), UTF_8).equals("p" + i) && age.get(r) == age(i), "lance lookup of p" + i);
        found[0]++;
      }
    });
    check(found[0] == 1, "lance lookup of p" + i + " found " + found[0]);
  }

  private static long count(Connection connection, String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long pairHash(String src, String dst) {
    return src.hashCode() * 31L + dst.hashCode();
  }

  private static Map<Integer, List<Integer>> adjacency(int[][] edgeList) {
    Map<Integer, List<Integer>> adjacency = new HashMap<>();
    for (int[] e : edgeList) {
      adjacency.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
    }
    return adjacency;
  }

  /** Distinct (start, node two hops away) pairs. */
  private static long fofPairs(Set<Integer> starts, Map<Integer, List<Integer>> adjacency) {
    long pairs = 0;
    for (int start : starts) {
      Set<Integer> reached = new HashSet<>();
      for (int friend : adjacency.getOrDefault(start, List.of())) {
        reached.addAll(adjacency.getOrDefault(friend, List.of()));
      }
      pairs += reached.size();
    }
    return pairs;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("wrong answer: " + what);
    }
  }

  /** Median ms of {@code repeats} runs after one warm-up run. */
  private static double median(int repeats, Work work) throws Exception {
    work.run();
    List<Double> millis = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      work.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    return millis.get(millis.size() / 2);
  }

  private static double meanMs(int rounds, IndexedWork work) throws Exception {
    long start = System.nanoTime();
    for (int k = 0; k < rounds; k++) {
      work.run(k + 1);
    }
    return (System.nanoTime() - start) / 1e6 / rounds;
  }
}
