package dev.quiver.jdbc.errors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.ConflictException;
import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SqlStatesTest {
  private static final Pattern DOC_ROW =
      Pattern.compile("^\\| `(GRAPH-[0-9A-Z]+)` \\| `([A-Z_]+)` \\| `([0-9A-Z]{5})` \\| `(\\w+)` \\|", Pattern.MULTILINE);

  @Test
  void everyErrorCodeIsListedInErrorsDocWithTheStateTheSwitchGives() throws IOException {
    Map<String, String[]> documented = new HashMap<>();
    Matcher matcher = DOC_ROW.matcher(Files.readString(Path.of("..", "docs", "errors.md"), UTF_8));
    while (matcher.find()) {
      documented.put(matcher.group(2), new String[] {matcher.group(1), matcher.group(3), matcher.group(4)});
    }
    for (ErrorCode code : ErrorCode.values()) {
      String[] row = documented.get(code.name());
      assertTrue(row != null, code + " is missing from docs/errors.md");
      assertEquals(code.id(), row[0], "id of " + code);
      assertEquals(SqlStates.sqlState(code), row[1], "SQLState of " + code);
      SQLException translated = SqlStates.translate(new GraphException(code, "boom"));
      assertEquals(translated.getClass().getSimpleName(), row[2], "subclass of " + code);
    }
    assertEquals(ErrorCode.values().length, documented.size(), "docs/errors.md lists a code that does not exist");
  }

  @Test
  void everyErrorCodeMapsToAFiveCharacterState() {
    for (ErrorCode code : ErrorCode.values()) {
      String state = SqlStates.sqlState(code);
      assertEquals(5, state.length(), code.name());
      SQLException translated = SqlStates.translate(new GraphException(code, "m"));
      assertEquals(state, translated.getSQLState());
    }
  }

  @Test
  void subclassFollowsTheStateClass() {
    assertInstanceOf(SQLSyntaxErrorException.class, SqlStates.translate(new GraphException(ErrorCode.UNKNOWN_TYPE, "m")));
    assertInstanceOf(
        SQLIntegrityConstraintViolationException.class,
        SqlStates.translate(new GraphException(ErrorCode.UNIQUE_VIOLATION, "m")));
    assertInstanceOf(SQLTransactionRollbackException.class, SqlStates.translate(new ConflictException("node:Person", 3, 4)));
    assertInstanceOf(SQLDataException.class, SqlStates.translate(new GraphException(ErrorCode.INVALID_DATE, "m")));
    assertInstanceOf(SQLFeatureNotSupportedException.class, SqlStates.translate(new GraphException(ErrorCode.UNSUPPORTED, "m")));
    assertInstanceOf(
        SQLNonTransientConnectionException.class, SqlStates.translate(new GraphException(ErrorCode.GRAPH_NOT_FOUND, "m")));
    assertInstanceOf(SQLNonTransientConnectionException.class, SqlStates.closed("connection"));
  }

  @Test
  void syntaxErrorKeepsLineAndColumnInTheMessage() {
    GraphException error = new GraphException(ErrorCode.SYNTAX_ERROR, "expected '{' but found 'Person'", 3, 7, null);
    SQLException translated = SqlStates.translate(error);
    assertEquals("42601", translated.getSQLState());
    assertEquals("line 3:7: expected '{' but found 'Person'", translated.getMessage());
    assertSame(error, translated.getCause());
  }

  @Test
  void positionAlreadyInTheMessageIsNotRepeated() {
    GraphException error = new GraphException(ErrorCode.SYNTAX_ERROR, "line 1:2: unexpected '}'", 1, 2, null);
    assertEquals("line 1:2: unexpected '}'", SqlStates.translate(error).getMessage());
  }

  @Test
  void conflictKeepsTableAndVersionsInTheMessage() {
    SQLException translated = SqlStates.translate(new ConflictException("node:Person", 3, 4));
    assertEquals("40001", translated.getSQLState());
    assertTrue(translated.getMessage().contains("node type 'Person'"), translated.getMessage());
    assertTrue(translated.getMessage().contains("version 3") && translated.getMessage().contains("version 4"), translated.getMessage());
  }
}
