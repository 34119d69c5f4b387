package dev.quiver.engine.bench;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.CommitBuilder;
import org.lance.Dataset;
import org.lance.Fragment;
import org.lance.FragmentMetadata;
import org.lance.Transaction;
import org.lance.WriteParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;
import org.lance.operation.Overwrite;

/**
 * A timed harness (not a test): 1-, 2- and 3-hop traversals from a fixed set of start nodes as {@code .gq}
 * reads, as the equivalent SQL joins, and hand-written over lance-java (one scan of the edge dataset into an
 * adjacency map, then expansion). Also the {@code {1,3}} BFS. {@code mvn -Pbench -pl engine -am verify
 * -Dbench.class=dev.quiver.engine.bench.TraversalBench -Dbench.args="100000 500000 3"}
 */
public final class TraversalBench {
  private static final String SCHEMA = "node Person { name: String @key  grp: I32 }\nedge Knows: Person -> Person\n";
  private static final int CHUNK = 20_000;

  private TraversalBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int groups = nodes / 200; // grp = 0 selects 200 start nodes
    Path base = Files.createTempDirectory("quiver-traversal-bench");
    List<String[]> edgeList = new ArrayList<>();
    long seed = 42;
    for (int i = 0; i < edges; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      edgeList.add(new String[] {"e" + i, "p" + Long.remainderUnsigned(seed >>> 17, nodes), "p" + Long.remainderUnsigned(seed >>> 33, nodes)});
    }
    Set<String> starts = new LinkedHashSet<>();
    for (int i = 0; i < nodes; i += groups) {
      starts.add("p" + i);
    }
    long buildStart = System.nanoTime();
    try (GraphStore store =
            GraphStore.open(OpenOptions.at(base.resolve("graph").toString()).withCreate(true).withSchema(SCHEMA));
        Session session = store.openSession(new SessionOptions("bench", Durability.PROCESS, false));
        RootAllocator allocator = new RootAllocator()) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < nodes; i++) {
        text.append("insert Person { name: \"p").append(i).append("\", grp: ").append(i % groups).append(" }\n");
        if ((i + 1) % CHUNK == 0) {
          session.execute(text.toString(), List.of());
          text.setLength(0);
        }
      }
      for (int i = 0; i < edges; i++) {
        String[] e = edgeList.get(i);
        text.append("insert Knows { from: \"").append(e[1]).append("\", to: \"").append(e[2]).append("\" }\n");
        if ((i + 1) % CHUNK == 0 || i == edges - 1) {
          session.execute(text.toString(), List.of());
          text.setLength(0);
        }
      }
      if (text.length() > 0) {
        session.execute(text.toString(), List.of());
      }
      String knows = base.resolve("knows.lance").toString();
      create(allocator, knows, edgeList);
      System.out.printf(Locale.ROOT, "built %d nodes / %d edges in %.1f s; %d start nodes%n",
          nodes, edges, (System.nanoTime() - buildStart) / 1e9, starts.size());

      System.out.println("| traversal | .gq median ms | SQL joins median ms | lance-java median ms | rows |");
      System.out.println("|---|---|---|---|---|");
      for (int hops = 1; hops <= 3; hops++) {
        final int h = hops;
        long[] rows = new long[3];
        double gq = time(repeats, () -> count(session, gq(h)), rows, 0);
        double sql = time(repeats, () -> count(session, sql(h)), rows, 1);
        double raw = time(repeats, () -> paths(allocator, knows, starts, h), rows, 2);
        check(rows);
        System.out.printf(Locale.ROOT, "| %d hop(s) | %.0f | %.0f | %.0f | %d |%n", hops, gq, sql, raw, rows[0]);
      }
      long[] rows = new long[3];
      double bfs = time(repeats, () -> count(session,
          "match { $p: Person { grp: 0 }  $p knows{1,3} $f } return { count($f) }"), rows, 0);
      double rawBfs = time(repeats, () -> reached(allocator, knows, starts, 3), rows, 2);
      rows[1] = rows[0];
      check(rows);
      System.out.printf(Locale.ROOT, "| knows{1,3} (BFS) | %.0f | – | %.0f | %d |%n", bfs, rawBfs, rows[0]);
    }
  }

  /** Chained one-hop traversals: distinct (src, dst) pairs per hop, as the reference's joins. */
  private static String gq(int hops) {
    StringBuilder q = new StringBuilder("match { $v0: Person { grp: 0 }");
    for (int h = 1; h <= hops; h++) {
      q.append("  $v").append(h - 1).append(" knows $v").append(h);
    }
    return q.append(" } return { count($v").append(hops).append(") }").toString();
  }

  private static String sql(int hops) {
    StringBuilder q = new StringBuilder("SELECT COUNT(*) FROM Person v0");
    for (int h = 1; h <= hops; h++) {
      q.append(" JOIN (SELECT DISTINCT src, dst FROM Knows) k").append(h).append(" ON k").append(h).append(".src = v")
          .append(h - 1).append(".id JOIN Person v").append(h).append(" ON v").append(h).append(".id = k").append(h)
          .append(".dst");
    }
    return q.append(" WHERE v0.grp = 0").toString();
  }

  private static long count(Session session, String text) {
    try (QueryResult result = (QueryResult) session.execute(text, List.of())) {
      result.rows().next();
      return ((Number) result.rows().row()[0]).longValue();
    }
  }

  /** Paths of {@code hops} distinct-pair hops from the starts, by hand over one scan of the edge dataset. */
  private static long paths(RootAllocator allocator, String uri, Set<String> starts, int hops) {
    Map<String, List<String>> adjacency = adjacency(allocator, uri);
    Map<String, Long> frontier = new HashMap<>();
    starts.forEach(s -> frontier.put(s, 1L));
    Map<String, Long> current = frontier;
    for (int h = 0; h < hops; h++) {
      Map<String, Long> next = new HashMap<>();
      for (Map.Entry<String, Long> entry : current.entrySet()) {
        for (String n : adjacency.getOrDefault(entry.getKey(), List.of())) {
          next.merge(n, entry.getValue(), Long::sum);
        }
      }
      current = next;
    }
    return current.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Per-source BFS with a visited set, {1,max}, by hand. */
  private static long reached(RootAllocator allocator, String uri, Set<String> starts, int max) {
    Map<String, List<String>> adjacency = adjacency(allocator, uri);
    long total = 0;
    for (String start : starts) {
      Set<String> visited = new java.util.HashSet<>(Set.of(start));
      Set<String> emitted = new java.util.HashSet<>();
      List<String> frontier = List.of(start);
      for (int hop = 1; hop <= max && !frontier.isEmpty(); hop++) {
        List<String> next = new ArrayList<>();
        for (String node : frontier) {
          for (String n : adjacency.getOrDefault(node, List.of())) {
            if (n.equals(node)) {
              emitted.add(n);
            } else if (visited.add(n)) {
              next.add(n);
              emitted.add(n);
            }
          }
        }
        frontier = next;
      }
      total += emitted.size();
    }
    return total;
  }

  /** Distinct neighbours per node from one scan of (src, dst). */
  private static Map<String, List<String>> adjacency(RootAllocator allocator, String uri) {
    Map<String, Set<String>> sets = new HashMap<>();
    try (Dataset dataset = Dataset.open(uri, allocator);
        LanceScanner scanner = dataset.newScan(new ScanOptions.Builder().columns(List.of("src", "dst")).build());
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        VarCharVector src = (VarCharVector) root.getVector("src");
        VarCharVector dst = (VarCharVector) root.getVector("dst");
        for (int i = 0; i < root.getRowCount(); i++) {
          sets.computeIfAbsent(new String(src.get(i), StandardCharsets.UTF_8), k -> new LinkedHashSet<>())
              .add(new String(dst.get(i), StandardCharsets.UTF_8));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, List<String>> out = new HashMap<>();
    sets.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }

  private static double time(int repeats, LongSupplier work, long[] rows, int slot) {
    rows[slot] = work.getAsLong(); // warm-up
    List<Double> millis = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      long n = work.getAsLong();
      millis.add((System.nanoTime() - start) / 1e6);
      if (n != rows[slot]) {
        throw new IllegalStateException("unstable result " + n + " vs " + rows[slot]);
      }
    }
    Collections.sort(millis);
    return millis.get(millis.size() / 2);
  }

  private static void check(long[] rows) {
    if (rows[0] != rows[1] || rows[0] != rows[2]) {
      throw new IllegalStateException("results differ: .gq " + rows[0] + ", SQL " + rows[1] + ", lance-java " + rows[2]);
    }
  }

  private static void create(RootAllocator allocator, String uri, List<String[]> rows) {
    Schema schema =
        new Schema(
            List.of(
                Field.notNullable("id", new ArrowType.Utf8()),
                Field.notNullable("src", new ArrowType.Utf8()),
                Field.notNullable("dst", new ArrowType.Utf8())));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      for (int c = 0; c < 3; c++) {
        VarCharVector vector = (VarCharVector) root.getVector(c);
        for (int i = 0; i < rows.size(); i++) {
          vector.setSafe(i, rows.get(i)[c].getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(rows.size());
      }
      root.setRowCount(rows.size());
      List<FragmentMetadata> fragments =
          Fragment.write().datasetUri(uri).allocator(allocator).data(root).writeParams(new WriteParams.Builder().build()).execute();
      try (Transaction tx = new Transaction.Builder().operation(Overwrite.builder().fragments(fragments).schema(schema).build()).build();
          Dataset ignored = new CommitBuilder(uri, allocator).execute(tx)) {
        // created
      }
    }
  }
}
