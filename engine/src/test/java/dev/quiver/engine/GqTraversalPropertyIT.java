package dev.quiver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded property test: {@code .gq} traversals (one to three chained hops, bounded, undirected) on random small
 * graphs (with cycles, self-loops and parallel edges) against an in-memory BFS written from the reference
 * semantics. Each seed builds one graph and runs {@link #QUERIES} random queries.
 */
class GqTraversalPropertyIT {
  private static final int QUERIES = 60;
  private static final String SCHEMA = "node N { name: String @key }\nedge E: N -> N\n";

  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void traversalsMatchTheReferenceBfs(long seed) {
    Random random = new Random(seed);
    int nodes = 4 + random.nextInt(6);
    List<String[]> edges = new ArrayList<>();
    int edgeCount = random.nextInt(nodes * 2 + 1);
    for (int i = 0; i < edgeCount; i++) {
      edges.add(new String[] {name(random.nextInt(nodes)), name(random.nextInt(nodes))});
    }
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < nodes; i++) {
      data.append("insert N { name: \"").append(name(i)).append("\" }\n");
    }
    for (String[] edge : edges) {
      data.append("insert E { from: \"").append(edge[0]).append("\", to: \"").append(edge[1]).append("\" }\n");
    }
    try (GraphStore store =
            GraphStore.open(OpenOptions.at(directory.resolve("g" + seed).toString()).withCreate(true).withSchema(SCHEMA));
        Session session = store.openSession(new SessionOptions("t", Durability.PROCESS, false))) {
      session.execute(data.toString(), List.of());
      for (int q = 0; q < QUERIES; q++) {
        String start = name(random.nextInt(nodes));
        int hops = 1 + random.nextInt(3);
        StringBuilder match = new StringBuilder("match { $v0: N { name: \"" + start + "\" }");
        Set<String> current = new TreeSet<>(Set.of(start));
        List<String> frontierRows = List.of(start);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(start));
        for (int h = 1; h <= hops; h++) {
          int min = 1 + random.nextInt(2);
          int max = min + random.nextInt(3);
          boolean undirected = random.nextBoolean();
          match.append("  $v").append(h - 1).append(undirected ? " <e>" : " e");
          if (min != 1 || max != 1 || random.nextBoolean()) {
            match.append("{").append(min).append(",").append(max).append("}");
          }
          match.append(" $v").append(h);
          List<List<String>> next = new ArrayList<>();
          for (List<String> row : rows) {
            for (String reached : bfs(edges, row.get(row.size() - 1), min, max, undirected)) {
              List<String> extended = new ArrayList<>(row);
              extended.add(reached);
              next.add(extended);
            }
          }
          rows = next;
        }
        match.append(" } return { $v0.name");
        for (int h = 1; h <= hops; h++) {
          // a bare variable is its id (here the name, a String key): then nothing reads the node's row, and
          // the compiler does not join its table at all
          match.append(", $v").append(h).append(random.nextBoolean() ? ".name" : "");
        }
        match.append(" }");
        List<String> expected = new ArrayList<>();
        for (List<String> row : rows) {
          expected.add(String.join("|", row));
        }
        expected.sort(null);
        List<String> actual = new ArrayList<>(GqReadIT.rows(session, match.toString()));
        actual.sort(null);
        assertEquals(expected, actual, "seed " + seed + " query " + match + " edges " + describe(edges));
      }
    }
  }

  /**
   * The same comparison while the graph changes: edges are inserted and nodes (with their edges) deleted
   * between queries, so traversals run over many edge-table versions whose adjacency lists are built, held
   * and left behind by the cache; and inside an open transaction, whose pending edges must be seen (the
   * cached committed lists cannot be used there).
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void traversalsMatchTheReferenceBfsAcrossCommitsAndInsideTransactions(long seed) {
    Random random = new Random(seed);
    int nodes = 8;
    Set<String> alive = new TreeSet<>();
    List<String[]> edges = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < nodes; i++) {
      data.append("insert N { name: \"").append(name(i)).append("\" }\n");
      alive.add(name(i));
    }
    try (GraphStore store =
            GraphStore.open(OpenOptions.at(directory.resolve("c" + seed).toString()).withCreate(true).withSchema(SCHEMA));
        Session session = store.openSession(new SessionOptions("t", Durability.PROCESS, false))) {
      session.execute(data.toString(), List.of());
      for (int round = 0; round < 25; round++) {
        List<String> names = new ArrayList<>(alive);
        if (random.nextInt(6) == 0 && names.size() > 3) {
          String gone = names.get(random.nextInt(names.size()));
          session.execute("delete N where name = \"" + gone + "\"", List.of());
          alive.remove(gone);
          edges.removeIf(edge -> edge[0].equals(gone) || edge[1].equals(gone));
        } else {
          StringBuilder inserts = new StringBuilder();
          for (int k = 1 + random.nextInt(3); k > 0; k--) {
            String[] edge = {names.get(random.nextInt(names.size())), names.get(random.nextInt(names.size()))};
            edges.add(edge);
            inserts.append("insert E { from: \"").append(edge[0]).append("\", to: \"").append(edge[1]).append("\" }\n");
          }
          session.execute(inserts.toString(), List.of());
        }
        for (int q = 0; q < 4; q++) {
          assertTraversal(session, edges, new ArrayList<>(alive), random, "seed " + seed + " round " + round);
        }
        if (round % 5 == 4) { // a query inside a transaction that has inserted an edge of its own
          session.autoCommit(false);
          List<String> now = new ArrayList<>(alive);
          String[] pending = {now.get(random.nextInt(now.size())), now.get(random.nextInt(now.size()))};
          session.execute("insert E { from: \"" + pending[0] + "\", to: \"" + pending[1] + "\" }", List.of());
          List<String[]> seen = new ArrayList<>(edges);
          seen.add(pending);
          assertTraversal(session, seen, now, random, "seed " + seed + " round " + round + " in a transaction");
          session.rollback();
          session.autoCommit(true);
        }
      }
    }
  }

  private static void assertTraversal(Session session, List<String[]> edges, List<String> alive, Random random, String where) {
    String start = alive.get(random.nextInt(alive.size()));
    int min = 1 + random.nextInt(2);
    int max = min + random.nextInt(3);
    boolean undirected = random.nextBoolean();
    String query = "match { $a: N { name: \"" + start + "\" }  $a " + (undirected ? "<e>" : "e") + "{" + min + "," + max
        + "} $b } return { " + (random.nextBoolean() ? "$b.name" : "$b") + " }";
    List<String> expected = new ArrayList<>(bfs(edges, start, min, max, undirected));
    expected.sort(null);
    List<String> actual = new ArrayList<>(GqReadIT.rows(session, query));
    actual.sort(null);
    assertEquals(expected, actual, where + ": " + query + " edges " + describe(edges));
  }

  /** The reference semantics: per-source BFS with the source pre-marked visited; self-loops emit, once. */
  static Set<String> bfs(List<String[]> edges, String source, int min, int max, boolean undirected) {
    Map<String, List<String>> adjacency = new HashMap<>();
    for (String[] edge : edges) {
      adjacency.computeIfAbsent(edge[0], k -> new ArrayList<>()).add(edge[1]);
      if (undirected) {
        adjacency.computeIfAbsent(edge[1], k -> new ArrayList<>()).add(edge[0]);
      }
    }
    Set<String> visited = new HashSet<>(Set.of(source));
    Set<String> emitted = new LinkedHashSet<>();
    List<String> frontier = List.of(source);
    for (int hop = 1; hop <= max && !frontier.isEmpty(); hop++) {
      List<String> next = new ArrayList<>();
      for (String node : frontier) {
        for (String neighbour : adjacency.getOrDefault(node, List.of())) {
          if (neighbour.equals(node)) {
            if (hop >= min) {
              emitted.add(node);
            }
          } else if (visited.add(neighbour)) {
            next.add(neighbour);
            if (hop >= min) {
              emitted.add(neighbour);
            }
          }
        }
      }
      frontier = next;
    }
    return emitted;
  }

  private static String name(int i) {
    return "n" + i;
  }

  private static String describe(List<String[]> edges) {
    StringBuilder out = new StringBuilder();
    for (String[] edge : edges) {
      out.append(edge[0]).append("->").append(edge[1]).append(' ');
    }
    return out.toString();
  }
}
