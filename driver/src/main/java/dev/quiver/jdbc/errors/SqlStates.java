package dev.quiver.jdbc.errors;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * The one place where engine errors become {@link SQLException}s (SPEC §9, STYLE §5). The SQLState comes from
 * one exhaustive switch over {@link ErrorCode}; the exception class comes from the SQLState's class, so that
 * pools and frameworks that key off either (HikariCP evicts on class 08, Spring translates by class) see the
 * same thing.
 */
public final class SqlStates {
  /** The graph cannot be opened or created; bad URL or property. */
  public static final String CONNECTION_FAILED = "08001";
  /** Use of a closed connection, statement or result set. */
  public static final String CLOSED = "08003";
  public static final String SYNTAX_ERROR = "42601";
  public static final String RULE_VIOLATION = "42000";
  public static final String INVALID_PARAMETER = "22023";
  public static final String UNSUPPORTED = "0A000";

  private SqlStates() {}

  /** The SQLState of an error code (SPEC §9). */
  public static String sqlState(ErrorCode code) {
    return switch (code) {
      case GRAPH_NOT_FOUND, GRAPH_OPEN_FAILED -> CONNECTION_FAILED;
      case CLOSED -> CLOSED;
      case SYNTAX_ERROR -> SYNTAX_ERROR;
      case RULE_VIOLATION, SCHEMA_INVALID, SCHEMA_CHANGE_UNSUPPORTED -> RULE_VIOLATION;
      case UNKNOWN_TYPE -> "42P01";
      case UNKNOWN_PROPERTY -> "42703";
      case INVALID_VALUE -> INVALID_PARAMETER;
      case VALUE_OUT_OF_RANGE -> "22003";
      case INVALID_DATE -> "22007";
      case INVALID_INPUT -> "22P02";
      case REQUIRED_PROPERTY_MISSING -> "23502";
      case UNIQUE_VIOLATION -> "23505";
      case ENDPOINT_NOT_FOUND -> "23503";
      case CHECK_VIOLATION -> "23514";
      case SCHEMA_CHANGE_IN_TRANSACTION -> "25001";
      case READ_ONLY -> "25006";
      case CONFLICT -> "40001";
      case CANCELLED -> "57014";
      case UNSUPPORTED -> UNSUPPORTED;
      case RECOVERY_REQUIRED -> "55000";
      case STORAGE_FAILURE -> "58030";
      case INTERNAL -> "XX000";
    };
  }

  /**
   * Translates an engine error. A positioned error keeps its position as {@code line L:C: } in front of the
   * message (unless the engine already wrote it there), so a user sees where a text went wrong.
   */
  public static SQLException translate(GraphException error) {
    String message = error.getMessage();
    String position = "line " + error.line() + ":" + error.column();
    if (error.line() > 0 && !message.startsWith("line " + error.line() + ":")) {
      message = position + ": " + message;
    }
    return create(message, sqlState(error.code()), error);
  }

  /** An {@link SQLException} of the subclass that fits the SQLState's class. */
  public static SQLException create(String message, String sqlState, Throwable cause) {
    String sqlClass = sqlState.substring(0, 2);
    switch (sqlClass) {
      case "08":
        return new SQLNonTransientConnectionException(message, sqlState, cause);
      case "0A":
        return new SQLFeatureNotSupportedException(message, sqlState, cause);
      case "22":
        return new SQLDataException(message, sqlState, cause);
      case "23":
        return new SQLIntegrityConstraintViolationException(message, sqlState, cause);
      case "40":
        return new SQLTransactionRollbackException(message, sqlState, cause);
      case "42":
        return new SQLSyntaxErrorException(message, sqlState, cause);
      case "57":
        return new SQLTimeoutException(message, sqlState, cause);
      case "25":
      case "55":
        return new SQLNonTransientException(message, sqlState, cause);
      default:
        return new SQLException(message, sqlState, cause);
    }
  }

  /** {@code 08003}: {@code what} (a connection, statement or result set) was used after close. */
  public static SQLException closed(String what) {
    return create(what + " is closed", CLOSED, null);
  }

  /** {@code 0A000}: a JDBC feature this driver does not offer. */
  public static SQLFeatureNotSupportedException unsupported(String feature) {
    return new SQLFeatureNotSupportedException(feature + " is not supported", UNSUPPORTED);
  }

  /**
   * {@link java.sql.Wrapper#unwrap} for every JDBC object of this driver: {@code self} as {@code iface} when it
   * is one, else {@code 0A000} naming the interface.
   */
  public static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    throw unsupported("unwrapping to " + iface.getName());
  }

  /** {@code 08001}: the graph cannot be opened or created, or the URL or a property is bad. */
  public static SQLException connectionFailed(String message, Throwable cause) {
    return create(message, CONNECTION_FAILED, cause);
  }
}
