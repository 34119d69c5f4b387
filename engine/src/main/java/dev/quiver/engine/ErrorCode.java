package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

/**
 * Every error the engine raises, with a stable id. Once released, an id's meaning never changes.
 * The driver maps each constant to a SQLState in one exhaustive switch; {@code docs/errors.md} lists them.
 */
public enum ErrorCode {
  GRAPH_NOT_FOUND("GRAPH-0801", Kind.NOT_FOUND, "no graph exists at the location"),
  GRAPH_OPEN_FAILED("GRAPH-0802", Kind.USER, "the graph cannot be opened or created"),
  CLOSED("GRAPH-0803", Kind.USER, "use of a closed connection, statement or result"),
  SYNTAX_ERROR("GRAPH-4201", Kind.USER, "the text does not parse"),
  RULE_VIOLATION("GRAPH-4200", Kind.USER, "a rule of the dialect is violated (D2 and others)"),
  SCHEMA_INVALID("GRAPH-4202", Kind.USER, "a schema is well-formed but not valid"),
  SCHEMA_CHANGE_UNSUPPORTED("GRAPH-4203", Kind.USER, "a schema change is destructive or ambiguous"),
  UNKNOWN_TYPE("GRAPH-4204", Kind.NOT_FOUND, "a node or edge type does not exist"),
  UNKNOWN_PROPERTY("GRAPH-4205", Kind.NOT_FOUND, "a property does not exist on its type"),
  INVALID_VALUE("GRAPH-2201", Kind.USER, "a value or parameter has the wrong type or form"),
  VALUE_OUT_OF_RANGE("GRAPH-2202", Kind.USER, "a numeric value does not fit its type"),
  INVALID_DATE("GRAPH-2203", Kind.USER, "a date or timestamp cannot be parsed"),
  INVALID_INPUT("GRAPH-2204", Kind.USER, "bulk input is not valid JSON or not a valid envelope"),
  REQUIRED_PROPERTY_MISSING("GRAPH-2301", Kind.USER, "a required property is missing"),
  UNIQUE_VIOLATION("GRAPH-2302", Kind.USER, "@unique violated, or strict insert of an existing id"),
  ENDPOINT_NOT_FOUND("GRAPH-2303", Kind.USER, "an edge endpoint does not exist"),
  CHECK_VIOLATION("GRAPH-2304", Kind.USER, "@range, @check, enum or @card violated"),
  SCHEMA_CHANGE_IN_TRANSACTION("GRAPH-2501", Kind.USER, "a schema change inside a transaction with pending writes"),
  READ_ONLY("GRAPH-2502", Kind.USER, "a write on a read-only connection or graph"),
  CONFLICT("GRAPH-4001", Kind.CONFLICT, "another commit moved a table this transaction read or wrote"),
  CANCELLED("GRAPH-5701", Kind.TRANSIENT, "the statement was cancelled, interrupted or timed out"),
  UNSUPPORTED("GRAPH-0A01", Kind.UNSUPPORTED, "the feature or statement is not supported"),
  RECOVERY_REQUIRED("GRAPH-5501", Kind.CONFLICT, "an interrupted commit must be recovered by a read-write open"),
  STORAGE_FAILURE("GRAPH-5801", Kind.INTERNAL, "the storage layer failed"),
  INTERNAL("GRAPH-9901", Kind.INTERNAL, "an internal invariant failed");

  /** What a caller may do about an error. */
  public enum Kind {
    USER,
    NOT_FOUND,
    CONFLICT,
    LIMIT,
    TRANSIENT,
    UNSUPPORTED,
    INTERNAL
  }

  private final String id;
  private final Kind kind;
  private final String meaning;

  ErrorCode(String id, Kind kind, String meaning) {
    this.id = requireNonNull(id, "id is null");
    this.kind = requireNonNull(kind, "kind is null");
    this.meaning = requireNonNull(meaning, "meaning is null");
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public String meaning() {
    return meaning;
  }
}
