package dev.quiver.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.grammar.ast.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code statements/*.gq} parses, breaks no rule, and yields exactly the AST in its sibling
 * {@code .ast} file (records' {@code toString}, indented). Regenerate the {@code .ast} files after an
 * intended change with {@code -Dquiver.golden.update=true} and review the diff.
 */
class GoldenStatementsTest {
  static final Path DIRECTORY = Paths.get("src/test/resources/statements");

  static List<Path> goldenFiles() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      return files.filter(p -> p.toString().endsWith(".gq")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void goldenFilesExist() {
    assertTrue(goldenFiles().size() >= 10, "golden statements found in " + DIRECTORY.toAbsolutePath());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void parsesToTheRecordedAst(Path file) throws IOException {
    Script script = MutationParser.parse(read(file));
    assertEquals(Optional.empty(), script.ruleViolation(), file.toString());
    String actual = indent(script.toString());
    Path expectedFile = Paths.get(file.toString().replaceAll("\\.gq$", ".ast"));
    if (Boolean.getBoolean("quiver.golden.update")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(expectedFile), "missing " + expectedFile + ", run with -Dquiver.golden.update=true");
    assertEquals(read(expectedFile), actual, file.toString());
  }

  /** One record component or list element per line, so golden diffs stay readable. */
  static String indent(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == ']') {
        out.append("[]");
        i++;
      } else if (c == '[') {
        depth++;
        out.append("[\n").append("  ".repeat(depth));
      } else if (c == ']') {
        depth--;
        out.append('\n').append("  ".repeat(Math.max(depth, 0))).append(']');
      } else if (c == ',' && i + 1 < text.length() && text.charAt(i + 1) == ' ') {
        out.append(",\n").append("  ".repeat(Math.max(depth, 0)));
        i++;
      } else {
        out.append(c);
      }
    }
    return out.append('\n').toString();
  }
}
