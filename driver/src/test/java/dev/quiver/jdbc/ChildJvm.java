package dev.quiver.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM started with no {@code --add-opens} flag, as an application that loads the
 * driver would be. Output (stdout and stderr together) goes to a file, so a chatty child never blocks.
 */
final class ChildJvm {
  /** What a finished child did. */
  record Outcome(int exitCode, String output) {}

  private ChildJvm() {}

  static Outcome run(String classPath, Path tempDir, long timeoutSeconds, List<String> jvmOptions, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> launch = new ArrayList<>(jvmOptions);
    launch.addAll(List.of("-cp", classPath, mainClass));
    launch.addAll(List.of(args));
    return start(launch, tempDir, tempDir, timeoutSeconds);
  }

  /** {@code java -jar jar args…} with {@code workingDirectory} as the current directory. */
  static Outcome runJar(Path jar, Path workingDirectory, Path tempDir, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> launch = new ArrayList<>(List.of("-jar", jar.toString()));
    launch.addAll(List.of(args));
    return start(launch, workingDirectory, tempDir, timeoutSeconds);
  }

  private static Outcome start(List<String> launch, Path workingDirectory, Path tempDir, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // Each JVM that loads lance-core extracts its native library (~181 MB) into java.io.tmpdir.
    command.add("-Djava.io.tmpdir=" + tempDir);
    command.addAll(launch);
    for (String part : command) {
      if (part.startsWith("--add-opens")) {
        throw new IllegalArgumentException("the child JVM must start without --add-opens");
      }
    }
    Path output = tempDir.resolve("child-output.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process process = builder.start();
    process.getOutputStream().close(); // the child reads end-of-file, never waits for input
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "child JVM did not finish within " + timeoutSeconds + " s; output so far:\n" + Files.readString(output, UTF_8));
    }
    return new Outcome(process.exitValue(), Files.readString(output, UTF_8));
  }
}
