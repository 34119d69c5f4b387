package dev.quiver.jdbc.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
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
import org.lance.operation.Overwrite;

/**
 * The same workload hand-written over lance-java: one dataset per table, Arrow in and out, no graph semantics
 * (no manifest, no cross-table atomicity, no endpoint checks), no fsync. Reads keep one handle per table
 * until the next write, as notes §9 advises.
 */
final class LanceWorkload implements Workload {
  static final Schema PERSON = new Schema(List.of(
      Field.notNullable("id", new ArrowType.Utf8()),
      Field.notNullable("pid", new ArrowType.Utf8()),
      Field.notNullable("name", new ArrowType.Utf8()),
      Field.nullable("age", new ArrowType.Int(32, true))));
  static final Schema KNOWS = new Schema(List.of(
      Field.notNullable("id", new ArrowType.Utf8()),
      Field.notNullable("src", new ArrowType.Utf8()),
      Field.notNullable("dst", new ArrowType.Utf8()),
      Field.notNullable("since", new ArrowType.Int(32, true))));

  private final WorkloadData data;
  private final BufferAllocator allocator;
  private final boolean ownsAllocator;
  private String persons;
  private String knows;
  private Dataset personReader;
  private Dataset knowsReader;

  LanceWorkload(WorkloadData data) {
    this(data, new RootAllocator(), true);
  }

  private LanceWorkload(WorkloadData data, BufferAllocator allocator, boolean ownsAllocator) {
    this.data = data;
    this.allocator = allocator;
    this.ownsAllocator = ownsAllocator;
  }

  @Override
  public String name() {
    return "raw lance-java";
  }

  @Override
  public void load(Path directory) {
    closeReaders();
    persons = directory.resolve("person.lance").toString();
    knows = directory.resolve("knows.lance").toString();
    int n = data.persons;
    try (VectorSchemaRoot rows = VectorSchemaRoot.create(PERSON, allocator)) {
      rows.allocateNew();
      for (int i = 0; i < n; i++) {
        setPerson(rows, i, "p" + i, "Person " + i, WorkloadData.age(i));
      }
      rows.setRowCount(n);
      create(persons, PERSON, rows);
    }
    int e = data.edges();
    try (VectorSchemaRoot rows = VectorSchemaRoot.create(KNOWS, allocator)) {
      rows.allocateNew();
      for (int k = 0; k < e; k++) {
        setKnows(rows, k, "e" + k, "p" + data.src[k], "p" + data.dst[k], data.since[k]);
      }
      rows.setRowCount(e);
      create(knows, KNOWS, rows);
    }
  }

  private static void setPerson(VectorSchemaRoot rows, int row, String id, String name, Integer age) {
    ((VarCharVector) rows.getVector(0)).setSafe(row, id.getBytes(StandardCharsets.UTF_8));
    ((VarCharVector) rows.getVector(1)).setSafe(row, id.getBytes(StandardCharsets.UTF_8));
    ((VarCharVector) rows.getVector(2)).setSafe(row, name.getBytes(StandardCharsets.UTF_8));
    if (age == null) {
      ((IntVector) rows.getVector(3)).setNull(row);
    } else {
      ((IntVector) rows.getVector(3)).setSafe(row, age);
    }
  }

  private static void setKnows(VectorSchemaRoot rows, int row, String id, String src, String dst, int since) {
    ((VarCharVector) rows.getVector(0)).setSafe(row, id.getBytes(StandardCharsets.UTF_8));
    ((VarCharVector) rows.getVector(1)).setSafe(row, src.getBytes(StandardCharsets.UTF_8));
    ((VarCharVector) rows.getVector(2)).setSafe(row, dst.getBytes(StandardCharsets.UTF_8));
    ((IntVector) rows.getVector(3)).setSafe(row, since);
  }

  private void create(String uri, Schema schema, VectorSchemaRoot rows) {
    List<FragmentMetadata> fragments = Fragment.write().datasetUri(uri).allocator(allocator).data(rows)
        .writeParams(new WriteParams.Builder().build()).execute();
    try (Transaction tx = new Transaction.Builder()
            .operation(Overwrite.builder().fragments(fragments).schema(schema).build()).build();
        Dataset ignored = new CommitBuilder(uri, allocator).execute(tx)) {
      // created
    }
  }

  private void append(String uri, VectorSchemaRoot rows) {
    try (Dataset head = Dataset.open(uri, allocator)) {
      List<FragmentMetadata> fragments = Fragment.write().datasetUri(uri).allocator(allocator).data(rows)
          .writeParams(new WriteParams.Builder().build()).execute();
      try (Transaction tx = new Transaction.Builder().readVersion(head.version())
              .operation(Append.builder().fragments(fragments).build()).build();
          Dataset committed = new CommitBuilder(head).skipAutoCleanup(true).execute(tx)) {
        // appended (rebased over concurrent appends, as Lance does by default)
      }
    }
  }

  @Override
  public void smallTransaction(int client, int sequence) {
    int[] ends = WorkloadBench.smallTransactionEnds(data.persons, client, sequence);
    String id = "n" + client + "_" + sequence;
    try (VectorSchemaRoot person = VectorSchemaRoot.create(PERSON, allocator);
        VectorSchemaRoot edges = VectorSchemaRoot.create(KNOWS, allocator)) {
      person.allocateNew();
      setPerson(person, 0, id, "New " + id, 30);
      person.setRowCount(1);
      edges.allocateNew();
      setKnows(edges, 0, id + "-0", id, "p" + ends[0], 2000);
      setKnows(edges, 1, id + "-1", id, "p" + ends[1], 2001);
      edges.setRowCount(2);
      append(persons, person);
      append(knows, edges);
    }
    closeReaders();
  }

  private Dataset personReader() {
    if (personReader == null) {
      personReader = Dataset.open(persons, allocator);
    }
    return personReader;
  }

  private Dataset knowsReader() {
    if (knowsReader == null) {
      knowsReader = Dataset.open(knows, allocator);
    }
    return knowsReader;
  }

  private interface BatchAction {
    void accept(VectorSchemaRoot batch);
  }

  private void scan(Dataset dataset, List<String> columns, String filter, BatchAction action) throws Exception {
    ScanOptions.Builder options = new ScanOptions.Builder().columns(columns);
    if (filter != null) {
      options.filter(filter);
    }
    try (LanceScanner scanner = dataset.newScan(options.build()); ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        action.accept(reader.getVectorSchemaRoot());
      }
    }
  }

  @Override
  public Object[] lookup(int i) throws Exception {
    Object[][] found = new Object[1][];
    scan(personReader(), List.of("name", "age"), "id = 'p" + i + "'", batch -> {
      if (batch.getRowCount() > 0) {
        IntVector age = (IntVector) batch.getVector(1);
        found[0] = new Object[] {
            new String(((VarCharVector) batch.getVector(0)).get(0), StandardCharsets.UTF_8),
            age.isNull(0) ? null : age.get(0)};
      }
    });
    return found[0];
  }

  @Override
  public double[] countAverage() throws Exception {
    long[] countSum = new long[2];
    scan(personReader(), List.of("age"), "age >= 30 AND age <= 40", batch -> {
      IntVector age = (IntVector) batch.getVector(0);
      for (int r = 0; r < batch.getRowCount(); r++) {
        countSum[0]++;
        countSum[1] += age.get(r);
      }
    });
    return new double[] {countSum[0], countSum[0] == 0 ? 0 : (double) countSum[1] / countSum[0]};
  }

  @Override
  public long friendsOfFriends(int start) throws Exception {
    Set<String> friends = new HashSet<>();
    scan(knowsReader(), List.of("dst"), "src = 'p" + start + "'", batch -> strings(batch, friends));
    if (friends.isEmpty()) {
      return 0;
    }
    StringBuilder in = new StringBuilder("src IN (");
    for (String f : friends) {
      in.append(in.length() > 8 ? "," : "").append('\'').append(f).append('\'');
    }
    Set<String> second = new HashSet<>();
    scan(knowsReader(), List.of("dst"), in.append(')').toString(), batch -> strings(batch, second));
    second.remove("p" + start);
    second.removeAll(friends);
    return second.size();
  }

  private static void strings(VectorSchemaRoot batch, Set<String> into) {
    VarCharVector vector = (VarCharVector) batch.getVector(0);
    for (int r = 0; r < batch.getRowCount(); r++) {
      into.add(new String(vector.get(r), StandardCharsets.UTF_8));
    }
  }

  @Override
  public long[] fullScan() throws Exception {
    long[] totals = new long[3];
    scan(knowsReader(), List.of("id", "src", "dst", "since"), null, batch -> {
      VarCharVector id = (VarCharVector) batch.getVector(0);
      VarCharVector src = (VarCharVector) batch.getVector(1);
      VarCharVector dst = (VarCharVector) batch.getVector(2);
      IntVector since = (IntVector) batch.getVector(3);
      for (int r = 0; r < batch.getRowCount(); r++) {
        totals[2] += new String(id.get(r), StandardCharsets.UTF_8).length()
            + new String(src.get(r), StandardCharsets.UTF_8).length()
            + new String(dst.get(r), StandardCharsets.UTF_8).length();
        totals[1] += since.get(r);
        totals[0]++;
      }
    });
    return totals;
  }

  /** Rewrites the rows: a delete of the ids and an append of the new rows (two Lance commits, not atomic). */
  @Override
  public void update(int[] ids, int age) throws Exception {
    closeReaders();
    try (VectorSchemaRoot rows = VectorSchemaRoot.create(PERSON, allocator)) {
      rows.allocateNew();
      java.util.Map<String, String> names = new java.util.HashMap<>();
      scan(personReader(), List.of("id", "name"), inList("id", ids), batch -> {
        VarCharVector id = (VarCharVector) batch.getVector(0);
        VarCharVector name = (VarCharVector) batch.getVector(1);
        for (int r = 0; r < batch.getRowCount(); r++) {
          names.put(new String(id.get(r), StandardCharsets.UTF_8), new String(name.get(r), StandardCharsets.UTF_8));
        }
      });
      closeReaders();
      for (int r = 0; r < ids.length; r++) {
        setPerson(rows, r, "p" + ids[r], names.get("p" + ids[r]), age);
      }
      rows.setRowCount(ids.length);
      try (Dataset head = Dataset.open(persons, allocator)) {
        head.delete(inList("id", ids));
      }
      append(persons, rows);
    }
  }

  /** Two Lance deletes: the persons, then every edge touching them (not atomic). */
  @Override
  public void cascadeDelete(int[] ids) {
    closeReaders();
    try (Dataset head = Dataset.open(persons, allocator)) {
      head.delete(inList("id", ids));
    }
    try (Dataset head = Dataset.open(knows, allocator)) {
      head.delete(inList("src", ids) + " OR " + inList("dst", ids));
    }
  }

  private static String inList(String column, int[] ids) {
    StringBuilder in = new StringBuilder(column).append(" IN (");
    for (int r = 0; r < ids.length; r++) {
      in.append(r > 0 ? "," : "").append("'p").append(ids[r]).append('\'');
    }
    return in.append(')').toString();
  }

  @Override
  public long count(String table) {
    closeReaders();
    try (Dataset dataset = Dataset.open(table.equals("Person") ? persons : knows, allocator)) {
      return dataset.countRows();
    }
  }

  @Override
  public long ageSum() throws Exception {
    long[] sum = new long[1];
    scan(personReader(), List.of("age"), "age IS NOT NULL", batch -> {
      IntVector age = (IntVector) batch.getVector(0);
      for (int r = 0; r < batch.getRowCount(); r++) {
        sum[0] += age.get(r);
      }
    });
    return sum[0];
  }

  @Override
  public Workload client() {
    LanceWorkload client = new LanceWorkload(data, allocator, false);
    client.persons = persons;
    client.knows = knows;
    return client;
  }

  private void closeReaders() {
    if (personReader != null) {
      personReader.close();
      personReader = null;
    }
    if (knowsReader != null) {
      knowsReader.close();
      knowsReader = null;
    }
  }

  @Override
  public void close() {
    closeReaders();
    if (ownsAllocator) {
      allocator.close();
    }
  }
}
