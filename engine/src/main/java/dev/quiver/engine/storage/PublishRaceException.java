package dev.quiver.engine.storage;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;

/** Another publisher moved the manifest past the version this publish read; nothing was published. */
public final class PublishRaceException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final long readVersion;

  PublishRaceException(long readVersion, Throwable cause) {
    super(ErrorCode.CONFLICT, "another commit published after graph version " + readVersion, cause);
    this.readVersion = readVersion;
  }

  public long readVersion() {
    return readVersion;
  }
}
