package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How to open a graph.
 *
 * @param location a directory path or {@code file:} URI (other schemes are passed to Lance)
 * @param create create an empty graph when none exists at the location
 * @param schemaText the {@code .pg} text applied when the graph is created, or null
 * @param readOnly open read-only: no recovery sweep and no write of any kind
 * @param storageOptions options passed to Lance for object stores
 */
public record OpenOptions(
    String location, boolean create, String schemaText, boolean readOnly, Map<String, String> storageOptions) {
  public OpenOptions {
    requireNonNull(location, "location is null");
    storageOptions = Map.copyOf(requireNonNull(storageOptions, "storageOptions is null"));
  }

  public static OpenOptions at(String location) {
    return new OpenOptions(location, false, null, false, Map.of());
  }

  public OpenOptions withCreate(boolean create) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions);
  }

  public OpenOptions withSchema(String schemaText) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions);
  }

  public OpenOptions withReadOnly(boolean readOnly) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions);
  }
}
