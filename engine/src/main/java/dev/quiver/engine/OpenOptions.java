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
 * @param actor recorded on the commit that creates the graph, when this open creates it
 */
public record OpenOptions(
    String location,
    boolean create,
    String schemaText,
    boolean readOnly,
    Map<String, String> storageOptions,
    String actor) {
  public OpenOptions {
    requireNonNull(location, "location is null");
    storageOptions = Map.copyOf(requireNonNull(storageOptions, "storageOptions is null"));
    requireNonNull(actor, "actor is null");
  }

  public OpenOptions(
      String location, boolean create, String schemaText, boolean readOnly, Map<String, String> storageOptions) {
    this(location, create, schemaText, readOnly, storageOptions, SessionOptions.defaults().actor());
  }

  public static OpenOptions at(String location) {
    return new OpenOptions(location, false, null, false, Map.of());
  }

  public OpenOptions withCreate(boolean create) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions, actor);
  }

  public OpenOptions withSchema(String schemaText) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions, actor);
  }

  public OpenOptions withReadOnly(boolean readOnly) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions, actor);
  }

  public OpenOptions withActor(String actor) {
    return new OpenOptions(location, create, schemaText, readOnly, storageOptions, actor);
  }
}
