package dev.quiver.engine.bench;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.UpdateResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt8Vector;
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
import org.lance.operation.Append;
import org.lance.operation.Delete;
import org.lance.operation.Overwrite;
import org.lance.operation.Update;

/**
 * A timed harness (not a test): the mutation workloads of the transaction layer against the same work done
 * directly with lance-java, in one run. {@code mvn -Pbench -pl engine -am verify
 * -Dbench.class=dev.quiver.engine.bench.MutationBench -Dbench.args=3}
 */
public final class MutationBench {
  private static final String SCHEMA = "node Person { name: String @key  age: I32? }\nedge Knows: Person -> Person\n";
  private static final int PERSONS = 10_000;
  private static final int EDGES = 30_000;

  private MutationBench() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path base = Files.createTempDirectory("quiver-mutation-bench");
    Map<String, List<Double>> quiver = new TreeMap<>();
    Map<String, List<Double>> raw = new TreeMap<>();
    List<Double> quiverCommits = new ArrayList<>();
    List<Double> rawCommits = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      quiverRound(base.resolve("q" + r), quiver, quiverCommits);
      try (RootAllocator allocator = new RootAllocator()) {
        rawRound(base.resolve("r" + r), allocator, raw, rawCommits);
      }
    }
    System.out.println();
    System.out.println("| workload | Quiver median ms | raw lance-java median ms | ratio |");
    System.out.println("|---|---|---|---|");
    for (String workload : quiver.keySet()) {
      double q = median(quiver.get(workload));
      double l = median(raw.get(workload));
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f× |%n", workload, q, l, q / l);
    }
    System.out.printf(
        Locale.ROOT,
        "| 500 single-row auto-commit transactions: median / p99 per commit | %.2f / %.2f | %.2f / %.2f | %.2f× |%n",
        median(quiverCommits), p99(quiverCommits), median(rawCommits), p99(rawCommits),
        median(quiverCommits) / median(rawCommits));
  }

  private static void quiverRound(Path directory, Map<String, List<Double>> out, List<Double> commits) {
    try (GraphStore store =
            GraphStore.open(OpenOptions.at(directory.toString()).withCreate(true).withSchema(SCHEMA));
        Session session = store.openSession(new SessionOptions("bench", Durability.PROCESS, false))) {
      // fixture: persons p0..p9999 and edges from a fixed generator
      StringBuilder persons = new StringBuilder();
      for (int i = 0; i < PERSONS; i++) {
        persons.append("insert Person { name: \"p").append(i).append("\", age: ").append(18 + (i * 7) % 80).append(" }\n");
      }
      session.execute(persons.toString(), List.of());
      long seed = 42;
      StringBuilder edges = new StringBuilder();
      for (int i = 0; i < EDGES; i++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int s = (int) Long.remainderUnsigned(seed >>> 17, PERSONS);
        int d = (int) Long.remainderUnsigned(seed >>> 33, PERSONS);
        edges.append("insert Knows { from: \"p").append(s).append("\", to: \"p").append(d).append("\" }\n");
      }
      session.execute(edges.toString(), List.of());

      session.autoCommit(false);
      long start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        session.execute("insert Person { name: $n, age: 40 }", List.of("new" + i));
      }
      session.commit();
      add(out, "1,000-statement insert transaction", start);
      session.autoCommit(true);

      for (int i = 0; i < 500; i++) {
        long t = System.nanoTime();
        session.execute("insert Person { name: $n }", List.of("auto" + i));
        commits.add((System.nanoTime() - t) / 1e6);
      }

      start = System.nanoTime();
      UpdateResult updated = (UpdateResult) session.execute("update Person set { age: 99 } where age = 40", List.of());
      add(out, "update of 1,000 rows", start);
      check(updated.total() >= 1000, "update matched " + updated.total());

      session.autoCommit(false);
      start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        session.execute("update Person set { age: 77 } where name = $n", List.of("p" + (i * 7)));
      }
      session.commit();
      add(out, "1,000 updates by key in one transaction", start);
      start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        session.execute("delete Person where name = $n", List.of("p" + (i * 7 + 3)));
      }
      session.commit();
      add(out, "1,000 deletes by key (with cascade) in one transaction", start);
      session.autoCommit(true);

      start = System.nanoTime();
      UpdateResult deleted = (UpdateResult) session.execute("delete Person where age < 31", List.of());
      add(out, "cascade delete of ~1,500 persons", start);
      check(deleted.total() > 1000, "deleted " + deleted.total());
    }
  }

  private static final Schema PERSON =
      new Schema(
          List.of(
              Field.notNullable("id", new ArrowType.Utf8()),
              Field.notNullable("name", new ArrowType.Utf8()),
              Field.nullable("age", new ArrowType.Int(32, true))));
  private static final Schema KNOWS =
      new Schema(
          List.of(
              Field.notNullable("id", new ArrowType.Utf8()),
              Field.notNullable("src", new ArrowType.Utf8()),
              Field.notNullable("dst", new ArrowType.Utf8())));

  private static void rawRound(Path directory, RootAllocator allocator, Map<String, List<Double>> out, List<Double> commits)
      throws Exception {
    String person = directory.resolve("person").toString();
    String knows = directory.resolve("knows").toString();
    List<String[]> people = new ArrayList<>();
    for (int i = 0; i < PERSONS; i++) {
      people.add(new String[] {"p" + i, "p" + i, Integer.toString(18 + (i * 7) % 80)});
    }
    create(allocator, person, PERSON, people);
    List<String[]> edges = new ArrayList<>();
    long seed = 42;
    for (int i = 0; i < EDGES; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      edges.add(new String[] {"e" + i, "p" + Long.remainderUnsigned(seed >>> 17, PERSONS), "p" + Long.remainderUnsigned(seed >>> 33, PERSONS)});
    }
    create(allocator, knows, KNOWS, edges);

    long start = System.nanoTime();
    List<String[]> fresh = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      fresh.add(new String[] {"new" + i, "new" + i, "40"});
    }
    append(allocator, person, PERSON, fresh);
    add(out, "1,000-statement insert transaction", start);

    for (int i = 0; i < 500; i++) {
      long t = System.nanoTime();
      append(allocator, person, PERSON, List.<String[]>of(new String[] {"auto" + i, "auto" + i, null}));
      commits.add((System.nanoTime() - t) / 1e6);
    }

    start = System.nanoTime();
    upsertWhere(allocator, person, "age = 40", "99");
    add(out, "update of 1,000 rows", start);

    start = System.nanoTime();
    List<String> byKey = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      byKey.add("p" + (i * 7));
    }
    upsertWhere(allocator, person, "id IN " + inList(byKey), "77");
    add(out, "1,000 updates by key in one transaction", start);
    start = System.nanoTime();
    List<String> doomed = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      doomed.add("p" + (i * 7 + 3));
    }
    String doomedIn = inList(doomed);
    delete(allocator, person, "id IN " + doomedIn);
    delete(allocator, knows, "src IN " + doomedIn + " OR dst IN " + doomedIn);
    add(out, "1,000 deletes by key (with cascade) in one transaction", start);

    start = System.nanoTime();
    List<String> ids = new ArrayList<>();
    try (Dataset head = Dataset.open(person, allocator);
        LanceScanner scanner = head.newScan(new ScanOptions.Builder().filter("age < 31").columns(List.of("id")).build());
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VarCharVector id = (VarCharVector) reader.getVectorSchemaRoot().getVector("id");
        for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
          ids.add(new String(id.get(i), StandardCharsets.UTF_8));
        }
      }
    }
    String in = inList(ids);
    delete(allocator, person, "id IN " + in);
    delete(allocator, knows, "src IN " + in + " OR dst IN " + in);
    add(out, "cascade delete of ~1,500 persons", start);
  }

  private static String inList(List<String> ids) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < ids.size(); i++) {
      sb.append(i == 0 ? "'" : ",'").append(ids.get(i)).append('\'');
    }
    return sb.append(')').toString();
  }

  private static VectorSchemaRoot batch(RootAllocator allocator, Schema schema, List<String[]> rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    for (int c = 0; c < schema.getFields().size(); c++) {
      var vector = root.getVector(c);
      for (int i = 0; i < rows.size(); i++) {
        String value = rows.get(i)[c];
        if (vector instanceof VarCharVector text) {
          text.setSafe(i, value.getBytes(StandardCharsets.UTF_8));
        } else if (value == null) {
          ((IntVector) vector).setNull(i);
        } else {
          ((IntVector) vector).setSafe(i, Integer.parseInt(value));
        }
      }
      vector.setValueCount(rows.size());
    }
    root.setRowCount(rows.size());
    return root;
  }

  private static void create(RootAllocator allocator, String uri, Schema schema, List<String[]> rows) {
    try (VectorSchemaRoot root = batch(allocator, schema, rows)) {
      List<FragmentMetadata> fragments = write(allocator, uri, root);
      try (Transaction tx = new Transaction.Builder().operation(Overwrite.builder().fragments(fragments).schema(schema).build()).build();
          Dataset ignored = new CommitBuilder(uri, allocator).execute(tx)) {
        // created
      }
    }
  }

  private static List<FragmentMetadata> write(RootAllocator allocator, String uri, VectorSchemaRoot root) {
    return Fragment.write().datasetUri(uri).allocator(allocator).data(root).writeParams(new WriteParams.Builder().build()).execute();
  }

  private static void append(RootAllocator allocator, String uri, Schema schema, List<String[]> rows) {
    try (VectorSchemaRoot root = batch(allocator, schema, rows); Dataset head = Dataset.open(uri, allocator)) {
      commit(head, Append.builder().fragments(write(allocator, uri, root)).build());
    }
  }

  private static void commit(Dataset head, org.lance.operation.Operation operation) {
    try (Transaction tx = new Transaction.Builder().readVersion(head.version()).operation(operation).build();
        Dataset ignored = new CommitBuilder(head).maxRetries(0).skipAutoCleanup(true).execute(tx)) {
      // committed
    }
  }

  /** The staged-upsert shape by hand: deletion vectors on matched rows plus a fragment of rewritten rows. */
  private static void upsertWhere(RootAllocator allocator, String uri, String filter, String newAge) throws Exception {
    try (Dataset head = Dataset.open(uri, allocator)) {
      Map<Integer, List<Integer>> byFragment = new TreeMap<>();
      List<String[]> rewritten = new ArrayList<>();
      try (LanceScanner scanner =
              head.newScan(new ScanOptions.Builder().filter(filter).withRowAddress(true).columns(List.of("id", "name")).build());
          ArrowReader reader = scanner.scanBatches()) {
        while (reader.loadNextBatch()) {
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          VarCharVector id = (VarCharVector) root.getVector("id");
          VarCharVector name = (VarCharVector) root.getVector("name");
          UInt8Vector address = (UInt8Vector) root.getVector("_rowaddr");
          for (int i = 0; i < root.getRowCount(); i++) {
            long a = address.get(i);
            byFragment.computeIfAbsent((int) (a >>> 32), k -> new ArrayList<>()).add((int) (a & 0xffffffffL));
            rewritten.add(new String[] {new String(id.get(i), StandardCharsets.UTF_8), new String(name.get(i), StandardCharsets.UTF_8), newAge});
          }
        }
      }
      List<Long> removed = new ArrayList<>();
      List<FragmentMetadata> updated = new ArrayList<>();
      for (var entry : byFragment.entrySet()) {
        FragmentMetadata m = head.getFragment(entry.getKey()).deleteRows(entry.getValue());
        if (m == null) {
          removed.add((long) entry.getKey());
        } else {
          updated.add(m);
        }
      }
      try (VectorSchemaRoot root = batch(allocator, PERSON, rewritten)) {
        commit(
            head,
            Update.builder().removedFragmentIds(removed).updatedFragments(updated).newFragments(write(allocator, uri, root))
                .updateMode(java.util.Optional.of(Update.UpdateMode.RewriteRows)).build());
      }
    }
  }

  private static void delete(RootAllocator allocator, String uri, String filter) throws Exception {
    try (Dataset head = Dataset.open(uri, allocator)) {
      Map<Integer, List<Integer>> byFragment = new TreeMap<>();
      try (LanceScanner scanner =
              head.newScan(new ScanOptions.Builder().filter(filter).withRowAddress(true).columns(List.of("id")).build());
          ArrowReader reader = scanner.scanBatches()) {
        while (reader.loadNextBatch()) {
          UInt8Vector address = (UInt8Vector) reader.getVectorSchemaRoot().getVector("_rowaddr");
          for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
            long a = address.get(i);
            byFragment.computeIfAbsent((int) (a >>> 32), k -> new ArrayList<>()).add((int) (a & 0xffffffffL));
          }
        }
      }
      List<Long> removed = new ArrayList<>();
      List<FragmentMetadata> updated = new ArrayList<>();
      for (var entry : byFragment.entrySet()) {
        FragmentMetadata m = head.getFragment(entry.getKey()).deleteRows(entry.getValue());
        if (m == null) {
          removed.add((long) entry.getKey());
        } else {
          updated.add(m);
        }
      }
      commit(head, Delete.builder().updatedFragments(updated).deletedFragmentIds(removed).predicate(filter).build());
    }
  }

  private static void add(Map<String, List<Double>> out, String workload, long startNanos) {
    out.computeIfAbsent(workload, k -> new ArrayList<>()).add((System.nanoTime() - startNanos) / 1e6);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double p99(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
  }
}
