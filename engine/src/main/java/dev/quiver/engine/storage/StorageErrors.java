package dev.quiver.engine.storage;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;

/** Translates Lance and I/O failures into {@link GraphException}s; only the storage layer sees Lance's errors. */
final class StorageErrors {
  private StorageErrors() {}

  static GraphException translate(String what, RuntimeException failure) {
    if (failure instanceof GraphException graph) {
      return graph;
    }
    return new GraphException(ErrorCode.STORAGE_FAILURE, what + " failed: " + firstLine(failure), failure);
  }

  static GraphException translate(String what, java.io.IOException failure) {
    return new GraphException(ErrorCode.STORAGE_FAILURE, what + " failed: " + firstLine(failure), failure);
  }

  /** True when Lance refused a commit because another transaction got there first. */
  static boolean isCommitConflict(RuntimeException failure) {
    String message = String.valueOf(failure.getMessage());
    return message.contains("onflict")
        || message.contains("preempted")
        || message.contains("ncompatible")
        || message.contains("retries");
  }

  static String firstLine(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
