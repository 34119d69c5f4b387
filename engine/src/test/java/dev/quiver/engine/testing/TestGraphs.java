package dev.quiver.engine.testing;

import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Builds test graphs: {@code TestGraphs.withSchema("social.pg").create(dir)}. */
public final class TestGraphs {
  private final String schemaText;

  private TestGraphs(String schemaText) {
    this.schemaText = schemaText;
  }

  /** A graph with a schema from the test resources. */
  public static TestGraphs withSchema(String resource) {
    return new TestGraphs(resource(resource));
  }

  public static String resource(String name) {
    try (InputStream in = TestGraphs.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String schemaText() {
    return schemaText;
  }

  /** Creates the graph at a directory and returns an open store (close it). */
  public GraphStore create(Path directory) {
    return GraphStore.open(OpenOptions.at(directory.toString()).withCreate(true).withSchema(schemaText));
  }
}
