package dev.quiver.engine;

/** What {@code commit()} waits for before it returns. */
public enum Durability {
  /** Every file of the commit, and the directories holding them, are on stable storage (survives power loss). */
  FSYNC,
  /** The commit survives a crash of the process but not of the machine. */
  PROCESS
}
