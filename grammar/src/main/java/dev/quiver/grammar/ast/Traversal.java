package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code $source [$edgeVariable:]edge[{min,max}] $target}, or {@code <edge>} when undirected. Bounds
 * default to {@code {1,1}}; {@code {min,}} parses with an empty {@code maxHops} (the engine rejects it).
 */
public record Traversal(
    String source,
    Optional<String> edgeVariable,
    String edge,
    boolean undirected,
    int minHops,
    OptionalInt maxHops,
    String target,
    SourceSpan span)
    implements Clause {
  public Traversal {
    requireNonNull(source, "source is null");
    requireNonNull(edgeVariable, "edgeVariable is null");
    requireNonNull(edge, "edge is null");
    requireNonNull(maxHops, "maxHops is null");
    requireNonNull(target, "target is null");
    requireNonNull(span, "span is null");
  }
}
