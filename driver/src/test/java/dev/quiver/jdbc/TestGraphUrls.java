package dev.quiver.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** URLs of throwaway graphs under a test's temp directory. */
final class TestGraphUrls {
  /** The demo schema of SPEC §10. */
  static final String DEMO_SCHEMA =
      "// the demo graph\n"
          + "node Person { name: String @key  age: I32? }\n"
          + "node Company { name: String @key }\n"
          + "edge Knows: Person -> Person { since: Date? }\n"
          + "edge WorksAt: Person -> Company\n";

  private TestGraphUrls() {}

  /** A URL that creates a graph in {@code dir/graph} with the demo schema. */
  static String demo(Path dir) throws IOException {
    Path schema = dir.resolve("demo.pg");
    Files.writeString(schema, DEMO_SCHEMA, UTF_8);
    return "jdbc:quiver:" + dir.resolve("graph") + "?create=true&schema=" + schema;
  }
}
