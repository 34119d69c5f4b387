package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

/**
 * Per-connection settings.
 *
 * @param actor recorded on every commit the session makes
 * @param durability what a commit waits for
 * @param readOnly refuse every write
 */
public record SessionOptions(String actor, Durability durability, boolean readOnly) {
  public SessionOptions {
    requireNonNull(actor, "actor is null");
    requireNonNull(durability, "durability is null");
  }

  public static SessionOptions defaults() {
    return new SessionOptions(System.getProperty("user.name", "unknown"), Durability.FSYNC, false);
  }
}
