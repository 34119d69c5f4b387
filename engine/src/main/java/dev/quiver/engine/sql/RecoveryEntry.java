package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code QUIVER.recoveries}: an interrupted commit that an open finished or undid.
 *
 * @param recoveredAt when the recovery ran
 * @param outcome {@code rolled_forward} or {@code rolled_back}
 * @param actor who ran it ({@code quiver:recovery})
 * @param tables the manifest keys of the tables it moved
 */
public record RecoveryEntry(Instant recoveredAt, String outcome, String actor, List<String> tables) {
  public RecoveryEntry {
    requireNonNull(recoveredAt, "recoveredAt is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(actor, "actor is null");
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
  }
}
