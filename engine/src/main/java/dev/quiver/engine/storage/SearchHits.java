package dev.quiver.engine.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of a full-text or nearest-neighbour read: row ids, best first, and what the scan cost.
 *
 * @param ids the {@code id} of each hit, best first (highest full-text score, smallest distance)
 * @param cost Lance's scan statistics: {@code indicesLoaded >= 1} when an index answered
 */
public record SearchHits(List<String> ids, ScanCost cost) {
  public SearchHits {
    ids = List.copyOf(requireNonNull(ids, "ids is null"));
    requireNonNull(cost, "cost is null");
  }
}
