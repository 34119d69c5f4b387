package dev.quiver.grammar.ast;

import java.util.Optional;

/** The base scalar types a parameter may declare, spelled as in {@code .pg}. */
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
  DATE_TIME("DateTime"),
  BLOB("Blob");

  private final String typeName;

  ScalarKind(String typeName) {
    this.typeName = typeName;
  }

  /** The name as written in {@code .pg} and {@code .gq}. */
  public String typeName() {
    return typeName;
  }

  /** The kind spelled {@code typeName}, if any. */
  public static Optional<ScalarKind> fromTypeName(String typeName) {
    for (ScalarKind kind : values()) {
      if (kind.typeName.equals(typeName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
