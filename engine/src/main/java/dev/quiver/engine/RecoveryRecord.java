package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One recovery of an interrupted commit, as listed in {@code QUIVER.recoveries}. It is stored in the manifest
 * version that the recovery published, so it is atomic with the recovery itself.
 *
 * @param recoveredAt when the recovery published
 * @param outcome {@code rolled_forward} (the interrupted commit became visible) or {@code rolled_back} (its
 *     tables were restored to their published content)
 * @param actor the actor of the interrupted commit (the recovery commit itself is by {@code quiver:recovery}
 *     when it rolls back)
 * @param tables the manifest keys of the tables the interrupted commit planned to move, sorted
 */
public record RecoveryRecord(Instant recoveredAt, String outcome, String actor, List<String> tables) {
  /** The interrupted commit was completed: every table had landed on its planned version. */
  public static final String ROLLED_FORWARD = "rolled_forward";
  /** The interrupted commit was undone: every table it moved was restored to its published content. */
  public static final String ROLLED_BACK = "rolled_back";

  public RecoveryRecord {
    requireNonNull(recoveredAt, "recoveredAt is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(actor, "actor is null");
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    if (!outcome.equals(ROLLED_FORWARD) && !outcome.equals(ROLLED_BACK)) {
      throw new IllegalArgumentException("unknown recovery outcome '" + outcome + "'");
    }
  }
}
