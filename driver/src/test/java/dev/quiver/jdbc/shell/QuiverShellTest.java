package dev.quiver.jdbc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuiverShellTest {

  @Test
  void noArgumentsOpenTheDemoGraph() {
    assertEquals(List.of("-d", "dev.quiver.jdbc.QuiverDriver", "-u", "jdbc:quiver:./demo", "-n", "", "-p", ""), QuiverShell.sqllineArguments(new String[0]));
  }

  @Test
  void aUrlArgumentOpensThatGraphAndPassesTheRestToSqlline() {
    assertEquals(
        List.of("-d", "dev.quiver.jdbc.QuiverDriver", "-u", "jdbc:quiver:/g", "-n", "", "-p", "", "-e", "!tables"),
        QuiverShell.sqllineArguments(new String[] {"jdbc:quiver:/g", "-e", "!tables"}));
  }

  @Test
  void sqllineOptionsWithoutAUrlRunOnTheDemoGraph() {
    assertEquals(
        List.of("-d", "dev.quiver.jdbc.QuiverDriver", "-u", "jdbc:quiver:./demo", "-n", "", "-p", "", "-f", "x.sql"),
        QuiverShell.sqllineArguments(new String[] {"-f", "x.sql"}));
    assertEquals(List.of("-u", "jdbc:quiver:/g", "-n", "", "-p", ""), QuiverShell.sqllineArguments(new String[] {"-u", "jdbc:quiver:/g"}));
    assertEquals(
        List.of("-u", "jdbc:quiver:/g", "-n", "me", "-p", "x"),
        QuiverShell.sqllineArguments(new String[] {"-u", "jdbc:quiver:/g", "-n", "me", "-p", "x"}));
  }

  @Test
  void theDemoSchemaIsBundled() throws IOException {
    try (InputStream in = QuiverShell.class.getResourceAsStream("/demo/demo.pg")) {
      assertNotNull(in);
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(true, text.contains("edge WorksAt: Person -> Company"));
    }
  }
}
