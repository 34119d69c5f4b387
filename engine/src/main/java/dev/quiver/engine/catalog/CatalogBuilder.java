package dev.quiver.engine.catalog;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;

/** Placeholder until the .pg parser lands: accepts only the empty schema. */
public final class CatalogBuilder {
  private CatalogBuilder() {}

  public static Catalog build(String source) {
    if (source.isBlank()) {
      return new Catalog(java.util.List.of(), java.util.List.of(), source);
    }
    throw new GraphException(ErrorCode.UNSUPPORTED, "schema parsing is not available yet");
  }
}
