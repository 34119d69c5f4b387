package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

/** A reference to a type by name: an implemented interface or an edge endpoint. */
public record NameRef(String name, SourceSpan span) {
  public NameRef {
    requireNonNull(name, "name is null");
    requireNonNull(span, "span is null");
  }
}
