package dev.quiver.engine.view;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What {@link RowCache} and {@link AdjacencyCache} share: entries derived from one immutable table version,
 * built on the {@code buildAfter}-th request for a key (so a version asked once or twice never pays for a
 * build), at most one build per key at a time (concurrent requests wait for it), evicted least-recently-used
 * to stay within {@code maxBytes} (estimated by {@code bytes}). Methods synchronize on this object; callers
 * that read or change an entry in several steps hold the same lock. An entry's size must not change while
 * it is held here (remove it, change it, put it back).
 */
final class VersionedEntries<K, E> {
  private final long maxBytes;
  private final int buildAfter;
  private final ToLongFunction<E> bytes;
  private final LinkedHashMap<K, E> entries = new LinkedHashMap<>(16, 0.75f, true); // guarded by this
  private long usedBytes; // guarded by this
  private final Map<K, CompletableFuture<E>> building = new ConcurrentHashMap<>();
  private final Map<K, AtomicInteger> demand = new ConcurrentHashMap<>();

  VersionedEntries(long maxBytes, int buildAfter, ToLongFunction<E> bytes) {
    if (maxBytes < 0 || buildAfter < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 0 and buildAfter >= 1");
    }
    this.maxBytes = maxBytes;
    this.buildAfter = buildAfter;
    this.bytes = requireNonNull(bytes, "bytes is null");
  }

  long maxBytes() {
    return maxBytes;
  }

  synchronized long usedBytes() {
    return usedBytes;
  }

  synchronized int size() {
    return entries.size();
  }

  /** The held entry of {@code key}, or null; counts as a use for eviction. */
  synchronized E peek(K key) {
    return entries.get(key);
  }

  /**
   * The entry of {@code key}: held, or built now by {@code build} when this is at least the {@code
   * buildAfter}-th request (waiting for a build already running); null while not yet asked enough, or when a
   * concurrent build failed (its caller reports the failure).
   */
  E get(K key, Function<K, E> build) {
    E held = peek(key);
    if (held != null) {
      return held;
    }
    if (demand.size() > 4096) {
      demand.clear(); // counts of versions never built; losing them only delays a build
    }
    if (demand.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() < buildAfter) {
      return null;
    }
    CompletableFuture<E> mine = new CompletableFuture<>();
    CompletableFuture<E> running = building.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (RuntimeException e) {
        return null;
      }
    }
    try {
      E built = build.apply(key);
      put(key, built);
      mine.complete(built);
      return built;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      building.remove(key, mine);
      demand.remove(key);
    }
  }

  /** Holds {@code entry} for {@code key}, evicting the least recently used entries beyond the bound. */
  synchronized void put(K key, E entry) {
    E previous = entries.put(key, entry);
    if (previous != null) {
      usedBytes -= bytes.applyAsLong(previous);
    }
    usedBytes += bytes.applyAsLong(entry);
    var eldest = entries.entrySet().iterator();
    while (usedBytes > maxBytes && eldest.hasNext()) {
      Map.Entry<K, E> victim = eldest.next();
      usedBytes -= bytes.applyAsLong(victim.getValue());
      eldest.remove();
    }
  }

  /** Stops holding {@code key}'s entry; returns it (or null). */
  synchronized E remove(K key) {
    E removed = entries.remove(key);
    if (removed != null) {
      usedBytes -= bytes.applyAsLong(removed);
    }
    return removed;
  }

  /** Moves the requests counted toward building {@code from} to {@code to}. */
  void moveDemand(K from, K to) {
    AtomicInteger asked = demand.remove(from);
    if (asked != null) {
      demand.computeIfAbsent(to, k -> new AtomicInteger()).addAndGet(asked.get());
    }
  }
}
