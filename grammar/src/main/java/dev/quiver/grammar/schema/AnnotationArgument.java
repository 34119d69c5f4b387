package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One argument of an annotation. {@code value} is the decoded text: a string without quotes and with escapes
 * resolved, a number or boolean as written, or an identifier.
 */
public record AnnotationArgument(Optional<String> keyword, Kind kind, String value, SourceSpan span) {

  /** The lexical kind of the value. */
  public enum Kind {
    STRING,
    INTEGER,
    FLOAT,
    BOOL,
    IDENT
  }

  public AnnotationArgument {
    requireNonNull(keyword, "keyword is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }

  public static AnnotationArgument positional(Kind kind, String value, SourceSpan span) {
    return new AnnotationArgument(Optional.empty(), kind, value, span);
  }

  public static AnnotationArgument named(String keyword, Kind kind, String value, SourceSpan span) {
    return new AnnotationArgument(Optional.of(keyword), kind, value, span);
  }

  /** As written, e.g. {@code model="small"} (strings re-quoted, escapes not restored). */
  public String render() {
    String text = kind == Kind.STRING ? "\"" + value + "\"" : value;
    return keyword.map(k -> k + "=" + text).orElse(text);
  }
}
