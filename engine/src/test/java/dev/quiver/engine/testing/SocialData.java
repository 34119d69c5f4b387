package dev.quiver.engine.testing;

import dev.quiver.engine.GraphStore;
import dev.quiver.engine.Snapshot;
import dev.quiver.engine.catalog.Ids;

/** The rows of the SPEC §10 demo graph, for a graph created with {@code social.pg}. */
public final class SocialData {
  private SocialData() {}

  /** Loads the demo rows in one graph commit and returns the snapshot it published. */
  public static Snapshot load(GraphStore store) {
    return new GraphRows()
        .add("node:Person", "Alice", "Alice", 30)
        .add("node:Person", "Bob", "Bob", 25)
        .add("node:Person", "Charlie", "Charlie", 35)
        .add("node:Person", "Diana", "Diana", 28)
        .add("node:Company", "Acme", "Acme")
        .add("node:Company", "Globex", "Globex")
        .add("edge:Knows", Ids.newId(), "Alice", "Bob", null)
        .add("edge:Knows", Ids.newId(), "Alice", "Charlie", null)
        .add("edge:Knows", Ids.newId(), "Bob", "Diana", null)
        .add("edge:WorksAt", Ids.newId(), "Alice", "Acme")
        .add("edge:WorksAt", Ids.newId(), "Bob", "Globex")
        .commit(store);
  }
}
