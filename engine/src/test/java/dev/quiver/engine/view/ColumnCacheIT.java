package dev.quiver.engine.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.storage.Filter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column cache answers exactly as the Lance scan it replaces: writers insert, update and delete while
 * readers compare filtered scans through the cache with uncached scans at many snapshots, old ones included,
 * over random filters (every comparison, IN, IS NULL, AND, OR, NOT, IS NOT TRUE; integer, string and float
 * columns with NULLs). Rows are compared as multisets: neither side promises an order without ORDER BY.
 */
class ColumnCacheIT {
  private static final String SCHEMA =
      "node Person { pid: String @key  name: String  age: I32?  score: F64?  tags: [String]? }\n";
  private static final List<List<String>> PROJECTIONS =
      List.of(List.of("id", "age"), List.of("age"), List.of("name", "pid", "score"), List.of("id", "tags"));
  private static final int KEYS = 80;

  @TempDir Path directory;
  private GraphStore store;

  @BeforeEach
  void open() {
    store = GraphStore.open(OpenOptions.at(directory.resolve("g").toString()).withCreate(true).withSchema(SCHEMA));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void cachedFilteredScansEqualScansWhileWritersCommit() throws Exception {
    try (Session seed = store.openSession(new SessionOptions("seed", Durability.PROCESS, false))) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < KEYS; k += 2) {
        text.append("insert Person { pid: \"k").append(k).append("\", name: \"n").append(k % 7)
            .append("\", age: ").append(k % 50).append(", score: ").append(k / 4.0).append(", tags: [\"t\"] }\n");
      }
      seed.execute(text.toString(), List.of());
    }
    // A tight bound (a few columns of a few versions) and a build on the first request force builds and evictions.
    ColumnCache cache = new ColumnCache(24 * 1024, 1);
    RacingCommits.run(
        store,
        (random, i) -> {
          String pid = "k" + random.nextInt(KEYS);
          List<Object> values = Arrays.asList(
              random.nextInt(5) == 0 ? null : random.nextInt(60), random.nextInt(4) == 0 ? null : score(random));
          return switch (random.nextInt(3)) {
            case 0 -> new RacingCommits.Statement(
                "insert Person { pid: \"" + pid + "\", name: \"w" + (i % 5) + "\", age: $a, score: $s }", values);
            case 1 -> new RacingCommits.Statement(
                "update Person set { age: $a, score: $s } where pid = \"" + pid + "\"", values);
            default -> new RacingCommits.Statement("delete Person where pid = \"" + pid + "\"", List.of());
          };
        },
        300,
        (snapshot, random) -> compare(cache, snapshot, random));
    assertTrue(cache.usedBytes() <= cache.maxBytes());
    assertTrue(cache.usedBytes() > 0, "columns were held");
  }

  @Test
  void rangesOverOneIntegerColumnAnswerLikeTheScan() {
    try (Session seed = store.openSession(new SessionOptions("seed", Durability.PROCESS, false))) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 200; k++) {
        text.append("insert Person { pid: \"k").append(k).append("\", name: \"n\"")
            .append(k % 9 == 0 ? "" : ", age: " + (k % 60)).append(" }\n");
      }
      seed.execute(text.toString(), List.of());
    }
    ColumnCache cache = new ColumnCache(1 << 20, 1);
    Random random = new Random(5);
    Snapshot snapshot = store.snapshot();
    CommittedView cached = new CommittedView(store.tableStore(), snapshot, null, null, cache);
    CommittedView scanned = new CommittedView(store.tableStore(), snapshot);
    for (int i = 0; i < 300; i++) {
      List<Filter> bounds = new java.util.ArrayList<>();
      for (int n = 1 + random.nextInt(3); n > 0; n--) {
        Filter.Op op = Filter.Op.values()[random.nextInt(Filter.Op.values().length)];
        long bound = switch (random.nextInt(8)) {
          case 0 -> Integer.MAX_VALUE; // the extremes Lance accepts for an I32 column
          case 1 -> Integer.MIN_VALUE;
          default -> random.nextInt(70) - 10;
        };
        bounds.add(new Filter.Compare("age", op, random.nextBoolean() ? (Object) bound : (Object) (int) bound));
      }
      Filter filter = new Filter.And(bounds);
      List<String> columns = List.of("id", "age");
      assertEquals(sorted(rows(scanned, columns, filter)), sorted(rows(cached, columns, filter)), filter.toString());
    }
    assertTrue(cache.usedBytes() > 0, "the age column was held");
  }

  @Test
  void aColumnLargerThanTheBoundIsScannedAndAnswersTheSame() {
    try (Session seed = store.openSession(new SessionOptions("seed", Durability.PROCESS, false))) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 300; k++) {
        text.append("insert Person { pid: \"k").append(k).append("\", name: \"").append("x".repeat(k % 40))
            .append("\", age: ").append(k % 50).append(" }\n");
      }
      seed.execute(text.toString(), List.of());
    }
    ColumnCache cache = new ColumnCache(4 * 1024, 1); // holds age (300 × ~32 bytes is too much): nothing fits
    Random random = new Random(3);
    for (int i = 0; i < 40; i++) {
      compare(cache, store.snapshot(), random);
    }
    assertTrue(cache.usedBytes() <= cache.maxBytes());
  }

  private void compare(ColumnCache cache, Snapshot snapshot, Random random) {
    CommittedView cached = new CommittedView(store.tableStore(), snapshot, null, null, cache);
    CommittedView scanned = new CommittedView(store.tableStore(), snapshot);
    List<String> columns = PROJECTIONS.get(random.nextInt(PROJECTIONS.size()));
    Filter filter = filter(random, 2);
    assertEquals(sorted(rows(scanned, columns, filter)), sorted(rows(cached, columns, filter)),
        "version " + snapshot.graphVersion() + ", " + filter + ", " + columns);
  }

  private static Filter filter(Random random, int depth) {
    int choice = depth == 0 ? random.nextInt(4) : random.nextInt(8);
    Filter.Op op = Filter.Op.values()[random.nextInt(Filter.Op.values().length)];
    return switch (choice) {
      case 0 -> new Filter.Compare("age", op, random.nextBoolean() ? (Object) (long) random.nextInt(60) : (Object) random.nextInt(60));
      case 1 -> new Filter.Compare("name", op, random.nextBoolean() ? "n" + random.nextInt(7) : "w" + random.nextInt(5));
      // 0.0 against stored -0.0 and 0.0 (a -0.0 literal loses its sign on the way into Lance's filter parser).
      case 2 -> new Filter.Compare("score", op, random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 20);
      case 3 -> switch (random.nextInt(4)) {
        case 0 -> new Filter.IsNull(random.nextBoolean() ? "age" : "score");
        case 1 -> new Filter.In("age", List.of((long) random.nextInt(60), random.nextInt(60), (long) random.nextInt(60)));
        case 2 -> new Filter.In("name", List.of("n" + random.nextInt(7), "w" + random.nextInt(5), "zz"));
        default -> new Filter.In("score", List.of(random.nextInt(20), 2.5, (long) random.nextInt(20)));
      };
      case 4 -> new Filter.And(List.of(filter(random, depth - 1), filter(random, depth - 1)));
      case 5 -> new Filter.Or(List.of(filter(random, depth - 1), filter(random, depth - 1)));
      case 6 -> new Filter.Not(filter(random, depth - 1));
      default -> new Filter.IsNotTrue(filter(random, depth - 1));
    };
  }

  /** Stored scores include both zeros, which a float order tells apart (-0.0 < 0.0); .gq refuses NaN and infinities. */
  private static double score(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> -0.0;
      case 1 -> 0.0;
      default -> random.nextDouble() * 20;
    };
  }

  private static List<List<Object>> rows(ReadView view, List<String> columns, Filter filter) {
    List<List<Object>> out = new ArrayList<>();
    try (RowCursor cursor = view.scan("node:Person", columns, filter)) {
      while (cursor.next()) {
        out.add(Arrays.asList(cursor.row().clone()));
      }
    }
    return out;
  }

  private static List<String> sorted(List<List<Object>> rows) {
    return rows.stream().map(String::valueOf).sorted(Comparator.naturalOrder()).toList();
  }
}
