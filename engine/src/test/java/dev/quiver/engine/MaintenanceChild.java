package dev.quiver.engine;

/**
 * Runs {@code optimize} on a graph in its own JVM: {@code <root>}. Arm {@code -Dquiver.failpoints=…=halt}
 * to make it die at a step of the optimize commit; prints OK when it finishes.
 */
public final class MaintenanceChild {
  private MaintenanceChild() {}

  public static void main(String[] args) {
    try (GraphStore store = GraphStore.open(OpenOptions.at(args[0]));
        Session session = store.openSession(new SessionOptions("child-optimize", Durability.PROCESS, false))) {
      session.execute("optimize", java.util.List.of());
      System.out.println("OK");
    }
  }
}
