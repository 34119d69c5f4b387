package dev.quiver.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code -all} jar as a tool loads it: alone, in an isolated class loader, in a JVM started without
 * {@code --add-opens} (jdbc-ecosystem notes §0 item 6). The jar path arrives as system property {@code
 * quiver.allJar} (failsafe, after {@code package}).
 */
class ShadedJarIT {
  private static Path allJar;

  @TempDir Path tempDir;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("quiver.allJar");
    assertNotNull(property, "system property quiver.allJar is not set");
    allJar = Path.of(property);
    assertTrue(Files.isRegularFile(allJar), "no shaded jar at " + allJar);
  }

  @Test
  void servicesFileListsOnlyOurDriver() throws IOException {
    try (JarFile jar = new JarFile(allJar.toFile())) {
      JarEntry entry = jar.getJarEntry("META-INF/services/java.sql.Driver");
      assertNotNull(entry, "the jar has no META-INF/services/java.sql.Driver");
      try (InputStream in = jar.getInputStream(entry)) {
        List<String> lines =
            new String(in.readAllBytes(), UTF_8)
                .lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertEquals(List.of("dev.quiver.jdbc.QuiverDriver"), lines);
      }
    }
  }

  @Test
  @Timeout(420)
  void isolatedLoaderWithoutAddOpensCreatesAGraphAndListsItsTables() throws Exception {
    Path schema = tempDir.resolve("demo.pg");
    Files.writeString(
        schema,
        "node Person { name: String @key  age: I32? }\n"
            + "node Company { name: String @key }\n"
            + "edge Knows: Person -> Person { since: Date? }\n"
            + "edge WorksAt: Person -> Company\n",
        UTF_8);
    Path childTemp = Files.createDirectory(tempDir.resolve("tmp"));
    String testClasses = Path.of(ShadedJarProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            testClasses,
            childTemp,
            360,
            List.of(),
            ShadedJarProbe.class.getName(),
            allJar.toString(),
            tempDir.resolve("graph").toString(),
            schema.toString());
    String output = outcome.output();
    assertEquals(0, outcome.exitCode(), output);
    assertTrue(output.contains("driver=dev.quiver.jdbc.QuiverDriver"), output);
    assertTrue(output.contains("product=Quiver"), output);
    for (String table :
        List.of(
            "table=TABLE GRAPH.Person",
            "table=TABLE GRAPH.Company",
            "table=TABLE GRAPH.Knows",
            "table=TABLE GRAPH.WorksAt",
            "table=SYSTEM TABLE QUIVER.commits")) {
      assertTrue(output.contains(table), table + " missing from:\n" + output);
    }
    assertTrue(output.contains("done"), output);
  }
  @Test
  @Timeout(420)
  void shellCreatesTheDemoGraphAndListsItsTables() throws Exception {
    Path work = Files.createDirectory(tempDir.resolve("work"));
    Path childTemp = Files.createDirectory(tempDir.resolve("shell-tmp"));
    ChildJvm.Outcome outcome =
        ChildJvm.runJar(allJar, work, childTemp, 360, "--outputformat=csv", "-e", "!tables");
    String output = outcome.output();
    assertEquals(0, outcome.exitCode(), output);
    assertTrue(Files.isDirectory(work.resolve("demo")), output);
    for (String table : List.of("'GRAPH','Person','TABLE'", "'GRAPH','WorksAt','TABLE'", "'QUIVER','commits','SYSTEM TABLE'")) {
      assertTrue(output.contains(table), table + " missing from:\n" + output);
    }
  }
}
