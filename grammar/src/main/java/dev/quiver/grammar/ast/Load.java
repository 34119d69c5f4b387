package dev.quiver.grammar.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code load "path" [mode append|merge|overwrite]}: a bulk NDJSON load; the engine picks the default mode. */
public record Load(String path, Optional<LoadMode> mode, SourceSpan span) implements Statement {
  public Load {
    requireNonNull(path, "path is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(span, "span is null");
  }
}
