package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The run-time java.nio opener, in child JVMs started without {@code --add-opens}. */
@Timeout(180)
class ArrowAccessTest {
  private static final String CLASS_PATH = System.getProperty("java.class.path");

  @TempDir Path tempDir;

  @Test
  void withoutTheDriverArrowFailsInAJvmWithoutTheFlag() throws Exception {
    ChildJvm.Outcome outcome = ChildJvm.run(CLASS_PATH, tempDir, 90, List.of(), ArrowAccessProbe.class.getName(), "arrow-only");
    assertTrue(outcome.output().contains("nio-open-at-start=false"), outcome.output());
    assertTrue(outcome.output().contains("arrow-failed="), outcome.output());
  }

  @Test
  void loadingTheDriverOpensJavaNioSoArrowAllocates() throws Exception {
    ChildJvm.Outcome outcome =
        ChildJvm.run(CLASS_PATH, tempDir, 90, List.of(), ArrowAccessProbe.class.getName(), "driver-then-arrow");
    assertEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("nio-open-at-start=false"), outcome.output());
    assertTrue(outcome.output().contains("arrow=42"), outcome.output());
  }

  @Test
  void whenOpeningFailsConnectThrows08001NamingTheFlag() throws Exception {
    ChildJvm.Outcome outcome =
        ChildJvm.run(
            CLASS_PATH,
            tempDir,
            90,
            List.of("-D" + ArrowAccess.DISABLE_PROPERTY + "=false"),
            ArrowAccessProbe.class.getName(),
            "connect",
            tempDir.resolve("graph").toString());
    assertEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("sqlstate=08001"), outcome.output());
    assertTrue(outcome.output().contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), outcome.output());
  }
}
