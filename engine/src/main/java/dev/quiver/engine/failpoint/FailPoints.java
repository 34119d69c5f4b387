package dev.quiver.engine.failpoint;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection. Production code calls {@link #hit(FailPoint)} at each protocol step; it costs one volatile
 * read while nothing is armed. Tests arm a point with {@code try (var armed = FailPoints.arm(X, action)) {…}}.
 * A child JVM can arm points with {@code -Dquiver.failpoints=table.after_commit=halt@2,…} (actions: {@code
 * throw}, {@code halt}, optionally {@code @N} for the N-th hit only).
 */
public final class FailPoints {
  /** What happens when an armed point is hit. */
  @FunctionalInterface
  public interface Action {
    void run(FailPoint point);
  }

  /** Thrown by {@link #throwing()} actions. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InjectedFault(FailPoint point) {
      super("injected fault at " + point.id());
    }
  }

  private static volatile Map<FailPoint, Action> armed = Map.of();

  static {
    String spec = System.getProperty("quiver.failpoints");
    if (spec != null && !spec.isBlank()) {
      Map<FailPoint, Action> fromProperty = new EnumMap<>(FailPoint.class);
      for (String entry : spec.split(",")) {
        String[] parts = entry.trim().split("=", 2);
        FailPoint point = byId(parts[0]);
        fromProperty.put(point, action(parts.length > 1 ? parts[1] : "throw"));
      }
      armed = Map.copyOf(fromProperty);
    }
  }

  private FailPoints() {}

  /** {@code throw}, {@code halt}, or either with {@code @N} to act on the N-th hit only. */
  private static Action action(String spec) {
    String[] parts = spec.split("@", 2);
    int nth = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    switch (parts[0]) {
      case "throw":
        return nth > 0 ? throwingOnHit(nth) : throwing();
      case "halt":
        return nth > 0 ? onHit(nth, halting()) : halting();
      default:
        throw new IllegalArgumentException("unknown fail point action '" + spec + "'");
    }
  }

  /** Called by the engine at a protocol step. */
  public static void hit(FailPoint point) {
    Map<FailPoint, Action> current = armed;
    if (current.isEmpty()) {
      return;
    }
    Action action = current.get(point);
    if (action != null) {
      action.run(point);
    }
  }

  /** Arms a point until the returned handle is closed. */
  public static synchronized Armed arm(FailPoint point, Action action) {
    requireNonNull(point, "point is null");
    requireNonNull(action, "action is null");
    Map<FailPoint, Action> next = new EnumMap<>(FailPoint.class);
    next.putAll(armed);
    if (next.containsKey(point)) {
      throw new IllegalStateException("fail point " + point.id() + " is already armed");
    }
    next.put(point, action);
    armed = Map.copyOf(next);
    return new Armed(point);
  }

  /** Throws {@link InjectedFault}. */
  public static Action throwing() {
    return point -> {
      throw new InjectedFault(point);
    };
  }

  /** Throws on the n-th hit (1-based) only. */
  public static Action throwingOnHit(int n) {
    return onHit(n, throwing());
  }

  /** Runs {@code action} on the n-th hit (1-based) only. */
  public static Action onHit(int n, Action action) {
    AtomicInteger hits = new AtomicInteger();
    return point -> {
      if (hits.incrementAndGet() == n) {
        action.run(point);
      }
    };
  }

  /** Ends the JVM at once, as a crash would (no shutdown hooks). */
  public static Action halting() {
    return point -> Runtime.getRuntime().halt(137);
  }

  static FailPoint byId(String id) {
    for (FailPoint point : FailPoint.values()) {
      if (point.id().equals(id) || point.name().equals(id)) {
        return point;
      }
    }
    throw new IllegalArgumentException("unknown fail point '" + id + "'");
  }

  /** An armed point; closing disarms it. */
  public static final class Armed implements AutoCloseable {
    private final FailPoint point;

    private Armed(FailPoint point) {
      this.point = point;
    }

    @Override
    public void close() {
      synchronized (FailPoints.class) {
        Map<FailPoint, Action> next = new EnumMap<>(FailPoint.class);
        next.putAll(armed);
        next.remove(point);
        armed = next.isEmpty() ? Map.of() : Map.copyOf(next);
      }
    }
  }
}
