package dev.quiver.engine.catalog;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.grammar.schema.SourceSpan;

/** Builds the {@link GraphException}s of schema validation: {@code line L:C: detail}, as syntax errors print. */
final class SchemaErrors {
  private SchemaErrors() {}

  static GraphException invalid(SourceSpan span, String detail) {
    return new GraphException(
        ErrorCode.SCHEMA_INVALID, "line " + span + ": " + detail, span.line(), span.column(), null);
  }
}
