package dev.quiver.engine.sql;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The one place Calcite's exceptions become {@link GraphException}s (STYLE §5). */
final class SqlErrors {
  static final String READ_ONLY_HINT = "SQL is read-only in Quiver; write with .gq insert/update/delete statements";

  private SqlErrors() {}

  static GraphException readOnly(String statement) {
    return new GraphException(ErrorCode.UNSUPPORTED, statement + " is not supported: " + READ_ONLY_HINT);
  }

  /** A parse error, with the position of the offending token and a few of the tokens that could follow. */
  static GraphException parse(SqlParseException e) {
    SqlParserPos pos = e.getPos();
    String message = firstLine(e.getMessage());
    List<String> expected = new ArrayList<>(e.getExpectedTokenNames() == null ? List.of() : e.getExpectedTokenNames());
    if (!expected.isEmpty()) {
      List<String> shown = expected.subList(0, Math.min(8, expected.size()));
      message += "; expected one of " + String.join(" ", shown) + (expected.size() > shown.size() ? " …" : "");
    }
    int line = pos == null ? 0 : pos.getLineNum();
    int column = pos == null ? 0 : pos.getColumnNum();
    return new GraphException(ErrorCode.SYNTAX_ERROR, message, line, column, e);
  }

  /** A validation error: unknown table, unknown column, or another rule of SQL. */
  static GraphException validation(CalciteContextException e) {
    Throwable cause = e.getCause();
    String message = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
    return new GraphException(validationCode(message), message, e.getPosLine(), e.getPosColumn(), e);
  }

  static ErrorCode validationCode(String message) {
    if (message.startsWith("Object '") || message.startsWith("Table '")) {
      return ErrorCode.UNKNOWN_TYPE;
    }
    if (message.startsWith("Column '") || message.startsWith("Unknown field '")) {
      return ErrorCode.UNKNOWN_PROPERTY;
    }
    return ErrorCode.RULE_VIOLATION;
  }

  /** An error while planning a valid statement. */
  static GraphException planning(RuntimeException e) {
    if (e instanceof GraphException graph) {
      return graph;
    }
    if (e instanceof CalciteContextException context) {
      return validation(context);
    }
    if (e instanceof RelOptPlanner.CannotPlanException) {
      return new GraphException(ErrorCode.UNSUPPORTED, "the statement cannot be planned: " + firstLine(e.getMessage()), e);
    }
    if (e instanceof CalciteException) {
      return new GraphException(ErrorCode.RULE_VIOLATION, firstLine(e.getMessage()), e);
    }
    return new GraphException(ErrorCode.INTERNAL, "planning the statement failed: " + e, e);
  }

  /** An error while running a plan: bad arithmetic or casts are the statement's values; the rest is ours. */
  static GraphException runtime(RuntimeException e) {
    if (e instanceof GraphException graph) {
      return graph;
    }
    if (e instanceof ArithmeticException || e instanceof NumberFormatException || e instanceof CalciteException) {
      return new GraphException(ErrorCode.INVALID_VALUE, firstLine(String.valueOf(e.getMessage())), e);
    }
    return new GraphException(ErrorCode.INTERNAL, "running the statement failed: " + e, e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
