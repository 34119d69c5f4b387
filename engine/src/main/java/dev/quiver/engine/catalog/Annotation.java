package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A free annotation such as {@code @description("…")}, kept as opaque metadata. */
public record Annotation(String name, List<String> arguments) {
  public Annotation {
    requireNonNull(name, "name is null");
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
  }
}
