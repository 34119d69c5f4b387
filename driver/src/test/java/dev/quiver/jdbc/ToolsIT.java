package dev.quiver.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party programs against the driver (jdbc-ecosystem notes §5): a HikariCP pool serving concurrent
 * readers and writers, sqlline running a script non-interactively from the {@code -all} jar, and SchemaCrawler
 * crawling the demo graph at maximum info level in a JVM that loads the {@code -all} jar as a tool does. Child
 * JVMs use a temp directory under this JVM's {@code java.io.tmpdir}: Lance extracts its native library there.
 */
class ToolsIT {
  private static final int SEED_PERSONS = 20;
  private static Path allJar;

  @TempDir Path dir;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("quiver.allJar");
    assertNotNull(property, "system property quiver.allJar is not set");
    allJar = Path.of(property);
    assertTrue(Files.isRegularFile(allJar), "no shaded jar at " + allJar);
  }

  /** The demo graph with {@link #SEED_PERSONS} persons in a ring of Knows edges, optimized (so it has indexes). */
  private String seededDemo() throws Exception {
    String url = TestGraphUrls.demo(dir);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < SEED_PERSONS; i++) {
        text.append("insert Person { name: \"p").append(i).append("\", age: ").append(20 + i).append(" }\n");
      }
      for (int i = 0; i < SEED_PERSONS; i++) {
        text.append("insert Knows { from: \"p").append(i).append("\", to: \"p").append((i + 1) % SEED_PERSONS).append("\" }\n");
      }
      text.append("insert Company { name: \"Acme\" }\ninsert WorksAt { from: \"p0\", to: \"Acme\" }\n");
      statement.executeUpdate(text.toString());
      statement.executeUpdate("optimize");
    }
    return "jdbc:quiver:" + dir.resolve("graph");
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  // ---- HikariCP

  @Test
  @Timeout(120)
  void hikariPoolOfFourServesConcurrentReadersAndWriters() throws Exception {
    String url = seededDemo();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("quiver-tools");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(30_000);
    int threads = 8;
    int cycles = 30;
    Set<String> written = ConcurrentHashMap.newKeySet();
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (Connection connection = pool.getConnection()) {
        assertTrue(connection.isValid(1));
        ExecutorService direct = Executors.newSingleThreadExecutor();
        connection.setNetworkTimeout(direct, 5_000);
        assertEquals(5_000, connection.getNetworkTimeout());
        direct.shutdown();
        connection.setReadOnly(true);
        assertTrue(connection.isReadOnly());
        connection.setReadOnly(false); // HikariCP resets it on return as well
        assertTrue(connection.getAutoCommit());
      }
      ExecutorService workers = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          final int thread = t;
          results.add(
              workers.submit(
                  () -> {
                    int done = 0;
                    for (int i = 0; i < cycles; i++) {
                      try (Connection connection = pool.getConnection()) {
                        if ((thread + i) % 3 == 0) {
                          String name = "w" + thread + "-" + i;
                          try (PreparedStatement insert = connection.prepareStatement("insert Person { name: ?, age: ? }")) {
                            insert.setString(1, name);
                            insert.setInt(2, i);
                            assertEquals(1, insert.executeUpdate());
                          }
                          written.add(name);
                        } else if (i % 2 == 0) {
                          assertTrue(count(connection, "SELECT COUNT(*) FROM Person") >= SEED_PERSONS);
                        } else {
                          assertEquals(
                              SEED_PERSONS,
                              count(connection, "SELECT COUNT(*) FROM Knows k JOIN Person p ON k.src = p.id JOIN Person f ON k.dst = f.id"));
                        }
                        done++;
                      }
                    }
                    return done;
                  }));
        }
        int total = 0;
        for (Future<Integer> result : results) {
          total += result.get(100, TimeUnit.SECONDS); // rethrows any reader's or writer's failure
        }
        assertEquals(threads * cycles, total);
      } finally {
        workers.shutdownNow();
      }
      assertFalse(written.isEmpty());
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT name FROM Person")) {
        Set<String> names = new HashSet<>();
        while (rs.next()) {
          names.add(rs.getString(1));
        }
        assertTrue(names.containsAll(written), "missing inserts: " + written.stream().filter(n -> !names.contains(n)).collect(Collectors.toList()));
        assertEquals(SEED_PERSONS + written.size(), names.size());
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
    }
  }

  @Test
  @Timeout(60)
  void aReadOnlyPoolStartsReadsAndRefusesWritesWith25006() throws Exception {
    String url = seededDemo();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setReadOnly(true);
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection connection = pool.getConnection()) {
      assertTrue(connection.isReadOnly());
      assertEquals(SEED_PERSONS, count(connection, "SELECT COUNT(*) FROM Person"));
      try (PreparedStatement insert = connection.prepareStatement("insert Person { name: ? }")) {
        insert.setString(1, "intruder");
        SQLException refused = assertThrows(SQLException.class, insert::executeUpdate);
        assertEquals("25006", refused.getSQLState(), refused.toString());
      }
      assertTrue(connection.isValid(1), "a refused write must not break the connection");
      assertEquals(SEED_PERSONS, count(connection, "SELECT COUNT(*) FROM Person"));
    }
  }

  // ---- sqlline (through the -all jar's shell)

  @Test
  @Timeout(120)
  void sqllineRunsAScriptNonInteractively() throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(
        script,
        TestGraphUrls.DEMO_SCHEMA.replace("// the demo graph\n", "").strip() + ";\n"
            + "insert Person { name: \"Alice\", age: 30 }\n"
            + "insert Person { name: \"Bob\", age: 25 };\n"
            + "insert Knows { from: \"Alice\", to: \"Bob\", since: date(\"2020-01-01\") };\n"
            + "SELECT p.name, f.name AS friend FROM Knows k JOIN Person p ON k.src = p.id JOIN Person f ON k.dst = f.id;\n"
            + "optimize;\n"
            + "!tables\n"
            + "!indexes Person\n"
            + "SELECT name, age FROM Person ORDER BY name;\n",
        UTF_8);
    Path work = Files.createDirectory(dir.resolve("work"));
    Path childTemp = Files.createDirectory(dir.resolve("sqlline-tmp"));
    // The -u form: the shell supplies the empty login sqlline would otherwise prompt for.
    ChildJvm.Outcome outcome =
        ChildJvm.runJar(
            allJar, work, childTemp, 100,
            "-u", "jdbc:quiver:" + dir.resolve("graph") + "?create=true",
            "--outputformat=csv", "-f", script.toString());
    String output = outcome.output();
    assertEquals(0, outcome.exitCode(), output);
    for (String expected :
        List.of(
            "'Alice','Bob'",
            "'GRAPH','Person','TABLE'",
            "'GRAPH','Knows','TABLE','edge Knows: Person -> Person'",
            "'QUIVER','commits','SYSTEM TABLE'",
            "'GRAPH','Person','false','','name_idx','3','1','name','A','2'",
            "'name','age'",
            "'Alice','30'",
            "'Bob','25'")) {
      assertTrue(output.contains(expected), expected + " missing from:\n" + output);
    }
  }

  @Test
  @Timeout(120)
  void sqllineStopsAtTheFirstFailingStatementWithANonZeroExit() throws Exception {
    String url = TestGraphUrls.demo(dir);
    Path script = dir.resolve("failing.sql");
    Files.writeString(
        script,
        "insert Person { name: \"Before\" };\nSELECT * FROM NoSuchType;\ninsert Person { name: \"After\" };\n", UTF_8);
    Path work = Files.createDirectory(dir.resolve("work"));
    Path childTemp = Files.createDirectory(dir.resolve("sqlline-tmp"));
    ChildJvm.Outcome outcome =
        ChildJvm.runJar(allJar, work, childTemp, 100, url, "--outputformat=csv", "--force=false", "-f", script.toString());
    assertNotEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("NoSuchType"), outcome.output());
    try (Connection connection = DriverManager.getConnection("jdbc:quiver:" + dir.resolve("graph"));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT name FROM Person")) {
      assertTrue(rs.next());
      assertEquals("Before", rs.getString(1));
      assertFalse(rs.next(), "the statement after the failure ran");
    }
  }

  // ---- SchemaCrawler

  @Test
  @Timeout(120)
  void schemaCrawlerCrawlsTheDemoGraphAtMaximumInfoLevel() throws Exception {
    String url = seededDemo() + "?readOnly=true";
    // SchemaCrawler and its own dependencies from this JVM's class path, then the -all jar alone for Quiver.
    String classPath =
        Stream.concat(
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(
                        entry ->
                            Stream.of("/us/fatehi/", "/info/picocli/", "/org/jline/", "/org/jspecify/", "/com/typesafe/", "/org/fusesource/", "/net/java/dev/jna/")
                                .anyMatch(part -> entry.replace(File.separatorChar, '/').contains(part))),
                Stream.of(allJar.toString()))
            .collect(Collectors.joining(File.pathSeparator));
    Path report = dir.resolve("crawl.txt");
    Path childTemp = Files.createDirectory(dir.resolve("crawler-tmp"));
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            classPath, childTemp, 100, List.of(), "schemacrawler.Main",
            "--url=" + url, "--user=", "--password=",
            "--info-level=maximum", "--load-row-counts", "--schemas=.*",
            "--command=details", "--output-format=text", "--output-file=" + report, "--log-level=WARNING");
    String log = outcome.output();
    assertEquals(0, outcome.exitCode(), log);
    // What SchemaCrawler reports about metadata calls that failed; the empty login is expected.
    List<String> complaints =
        log.lines()
            .filter(line -> line.startsWith("WARNING") || line.startsWith("SEVERE"))
            .filter(line -> !line.contains("Database user is not provided") && !line.contains("Database password is not provided"))
            .collect(Collectors.toList());
    System.out.println("SchemaCrawler warnings: " + complaints);
    assertEquals(List.of(), complaints, log);
    String crawl = Files.readString(report, UTF_8);
    for (String expected :
        List.of(
            "GRAPH.\"Person\"", "GRAPH.\"Company\"", "GRAPH.\"Knows\"", "GRAPH.\"WorksAt\"",
            "\"Person_pkey\"", "\"Knows_pkey\"",
            "\"Knows_src_fkey\"", "\"Knows_dst_fkey\"", "\"WorksAt_dst_fkey\"",
            "dst (1..many)--> GRAPH.\"Company\".id",
            "src (1..many)--> GRAPH.\"Person\".id",
            "name_idx", "src_idx",
            SEED_PERSONS + " rows")) {
      assertTrue(crawl.contains(expected), expected + " missing from:\n" + crawl);
    }
    for (String column : List.of("age", "since", "name", "src", "dst")) {
      assertTrue(crawl.lines().anyMatch(line -> line.strip().startsWith(column + " ")), column + " missing from:\n" + crawl);
    }
  }
}
