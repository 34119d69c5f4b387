package dev.quiver.engine.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ConflictException;
import dev.quiver.engine.Durability;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.SessionOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * What the cache tests share: three writers commit 25 random statements each (a lost commit race is fine)
 * while two readers compare, until the writers stop and at least {@code comparisons} were made, a cached view
 * with an uncached one at the latest snapshot or, one time in four, at an older one they saw.
 */
final class RacingCommits {
  /** One writer statement: its text and parameter values. */
  record Statement(String text, List<Object> parameters) {}

  /** The next statement of a writer: its random source and how many it has run. */
  @FunctionalInterface
  interface Writer {
    Statement next(Random random, int index);
  }

  private RacingCommits() {}

  static void run(GraphStore store, Writer writer, int comparisons, BiConsumer<Snapshot, Random> compare)
      throws Exception {
    List<Snapshot> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger commits = new AtomicInteger();
    AtomicInteger compared = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        long seed = w;
        writers.add(pool.submit(() -> {
          Random random = new Random(seed);
          try (Session session = store.openSession(new SessionOptions("w" + seed, Durability.PROCESS, false))) {
            for (int i = 0; i < 25; i++) {
              Statement statement = writer.next(random, i);
              try {
                session.execute(statement.text(), statement.parameters());
                commits.incrementAndGet();
              } catch (ConflictException lost) {
                // another writer moved the table first: the next statement starts from the new version
              }
            }
          }
          return null;
        }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        long seed = 100 + r;
        readers.add(pool.submit(() -> {
          Random random = new Random(seed);
          while (writing.get() || compared.get() < comparisons) {
            Snapshot snapshot = store.snapshot();
            seen.add(snapshot);
            compare.accept(random.nextInt(4) == 0 ? seen.get(random.nextInt(seen.size())) : snapshot, random);
            compared.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> future : writers) {
        future.get(4, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<?> future : readers) {
        future.get(4, TimeUnit.MINUTES);
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
    assertTrue(commits.get() > 10, "writers committed " + commits.get());
    assertTrue(seen.stream().map(Snapshot::graphVersion).distinct().count() > 5, "readers saw many versions");
  }
}
