package dev.quiver.jdbc.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code quiver} command (Main-Class of the {@code -all} jar): starts sqlline on a Quiver connection.
 *
 * <ul>
 *   <li>no arguments: the demo graph in {@code ./demo}, created with the demo schema (SPEC §10) on first run;
 *   <li>{@code jdbc:quiver:…} first: that URL, the remaining arguments passed to sqlline;
 *   <li>anything else: passed to sqlline as is, on the demo graph unless it names a URL with {@code -u} (then
 *       with an empty user name and password unless it gives {@code -n}/{@code -p}).
 * </ul>
 *
 * The demo graph gets the SPEC §10 data as one graph commit when it is created.
 */
public final class QuiverShell {
  static final String DEMO_DIRECTORY = "demo";
  static final String DEMO_URL = "jdbc:quiver:./" + DEMO_DIRECTORY;
  private static final String DEMO_SCHEMA = "/demo/demo.pg";
  private static final String DEMO_DATA = "/demo/demo.gq";
  private static final String DRIVER = "dev.quiver.jdbc.QuiverDriver";

  /** Held so the level settings are not garbage-collected with their loggers. */
  private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

  private QuiverShell() {}

  /** A shell is interactive: the libraries' INFO chatter (Arrow's allocator, jline) goes; warnings stay. */
  private static void quietLibraries() {
    for (String name : List.of("org.apache.arrow", "org.jline", "org.apache.calcite", "io.netty")) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
      logger.setLevel(java.util.logging.Level.WARNING);
      QUIET.add(logger);
    }
  }

  public static void main(String[] args) throws IOException, SQLException {
    quietLibraries();
    List<String> arguments = sqllineArguments(args);
    if (arguments.contains(DEMO_URL)) {
      createDemoGraph(Path.of(DEMO_DIRECTORY));
    }
    sqlline.SqlLine.main(arguments.toArray(new String[0]));
  }

  /**
   * The sqlline command line for the shell's arguments. An empty user name and password keep sqlline from
   * prompting for them: an embedded graph has no login (the driver ignores both).
   */
  static List<String> sqllineArguments(String[] args) {
    List<String> arguments = new ArrayList<>();
    if (args.length > 0 && args[0].startsWith("jdbc:")) {
      arguments.addAll(List.of("-d", DRIVER, "-u", args[0], "-n", "", "-p", ""));
      arguments.addAll(Arrays.asList(args).subList(1, args.length));
    } else if (Arrays.asList(args).contains("-u")) {
      arguments.addAll(Arrays.asList(args));
      // sqlline prompts for a login it was not given, and a script run with stdin at end-of-file then fails.
      if (!arguments.contains("-n")) {
        arguments.addAll(List.of("-n", ""));
      }
      if (!arguments.contains("-p")) {
        arguments.addAll(List.of("-p", ""));
      }
    } else {
      arguments.addAll(List.of("-d", DRIVER, "-u", DEMO_URL, "-n", "", "-p", ""));
      arguments.addAll(Arrays.asList(args));
    }
    return arguments;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = QuiverShell.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Creates the demo graph with its schema and data unless the directory exists already. */
  static void createDemoGraph(Path directory) throws IOException, SQLException {
    if (Files.exists(directory)) {
      return;
    }
    Path schema = Files.createTempFile("quiver-demo", ".pg");
    try (InputStream in = QuiverShell.class.getResourceAsStream(DEMO_SCHEMA)) {
      if (in == null) {
        throw new IOException("resource " + DEMO_SCHEMA + " is missing from the jar");
      }
      Files.copy(in, schema, StandardCopyOption.REPLACE_EXISTING);
      String url = "jdbc:quiver:" + directory + "?create=true&schema=" + schema;
      try (Connection connection = DriverManager.getConnection(url);
          java.sql.Statement statement = connection.createStatement()) {
        int entities = statement.executeUpdate(resource(DEMO_DATA));
        System.err.println("Created the demo graph in " + directory.toAbsolutePath() + " with " + entities + " entities");
      }
    } finally {
      Files.deleteIfExists(schema);
    }
  }
}
