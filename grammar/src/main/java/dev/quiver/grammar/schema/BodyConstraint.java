package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A body constraint: {@code @key(a, b)}, {@code @unique(a, b)}, {@code @index(a)}, {@code @range(p, min..max)}
 * or {@code @check(p, "regex")}. {@code properties} holds the named properties (exactly one for range and
 * check); {@code range} is present only for {@code @range} and {@code pattern} only for {@code @check}.
 */
public record BodyConstraint(
    ConstraintKind kind,
    List<String> properties,
    Optional<RangeBounds> range,
    Optional<String> pattern,
    SourceSpan span) {
  public BodyConstraint {
    requireNonNull(kind, "kind is null");
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    requireNonNull(range, "range is null");
    requireNonNull(pattern, "pattern is null");
    requireNonNull(span, "span is null");
    if (range.isPresent() != (kind == ConstraintKind.RANGE)) {
      throw new IllegalArgumentException("range bounds belong to @range only");
    }
    if (pattern.isPresent() != (kind == ConstraintKind.CHECK)) {
      throw new IllegalArgumentException("a pattern belongs to @check only");
    }
  }

  /** {@code @key(…)}, {@code @unique(…)} or {@code @index(…)} over the given properties. */
  public static BodyConstraint of(ConstraintKind kind, List<String> properties, SourceSpan span) {
    return new BodyConstraint(kind, properties, Optional.empty(), Optional.empty(), span);
  }

  public static BodyConstraint range(String property, RangeBounds bounds, SourceSpan span) {
    return new BodyConstraint(ConstraintKind.RANGE, List.of(property), Optional.of(bounds), Optional.empty(), span);
  }

  public static BodyConstraint check(String property, String pattern, SourceSpan span) {
    return new BodyConstraint(ConstraintKind.CHECK, List.of(property), Optional.empty(), Optional.of(pattern), span);
  }
}
