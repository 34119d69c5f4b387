package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A batch failed at one command. Carries the failure's code and message, the index of the failing command and
 * the counts of the commands before it; {@link #applied()} tells whether those earlier commands stay pending in
 * the caller's transaction (false in auto-commit mode, where nothing of the batch is applied).
 */
public final class BatchException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final int failedCommand;
  private final List<Long> completedCounts;
  private final boolean applied;

  BatchException(GraphException cause, int failedCommand, List<Long> completedCounts, boolean applied) {
    super(
        cause.code(),
        (applied
                ? "batch failed at command " + (failedCommand + 1) + "; the commands before it stay in the transaction: "
                : "batch failed at command " + (failedCommand + 1) + " and nothing of it was applied: ")
            + cause.getMessage(),
        cause.line(),
        cause.column(),
        cause);
    this.failedCommand = failedCommand;
    this.completedCounts = List.copyOf(requireNonNull(completedCounts, "completedCounts is null"));
    this.applied = applied;
  }

  /** 0-based index of the command that failed. */
  public int failedCommand() {
    return failedCommand;
  }

  /** The total count of each command before the failing one. */
  public List<Long> completedCounts() {
    return completedCounts;
  }

  public boolean applied() {
    return applied;
  }
}
