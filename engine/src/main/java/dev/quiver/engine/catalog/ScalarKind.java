package dev.quiver.engine.catalog;

/** The base types of the {@code .pg} language. */
public enum ScalarKind {
  STRING("String"),
  BOOL("Bool"),
  I32("I32"),
  I64("I64"),
  U32("U32"),
  U64("U64"),
  F32("F32"),
  F64("F64"),
  DATE("Date"),
  DATETIME("DateTime"),
  BLOB("Blob");

  private final String schemaName;

  ScalarKind(String schemaName) {
    this.schemaName = schemaName;
  }

  /** The spelling in a {@code .pg} text. */
  public String schemaName() {
    return schemaName;
  }

  public boolean isNumeric() {
    return switch (this) {
      case I32, I64, U32, U64, F32, F64 -> true;
      case STRING, BOOL, DATE, DATETIME, BLOB -> false;
    };
  }

  public static ScalarKind fromSchemaName(String name) {
    for (ScalarKind kind : values()) {
      if (kind.schemaName.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown scalar type '" + name + "'");
  }
}
