package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A free annotation: {@code @name}, or {@code @name(arg, …, kw="lit", …)} with positional arguments before
 * keyword arguments. On a type, a bare {@code @key}/{@code @unique}/{@code @index} is kept here too so the
 * engine can reject it with a precise message.
 */
public record AnnotationDecl(String name, List<AnnotationArgument> arguments, SourceSpan span) {
  public AnnotationDecl {
    requireNonNull(name, "name is null");
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    requireNonNull(span, "span is null");
  }

  public List<AnnotationArgument> positional() {
    return arguments.stream().filter(a -> a.keyword().isEmpty()).toList();
  }

  public Optional<AnnotationArgument> keyword(String keyword) {
    return arguments.stream().filter(a -> a.keyword().filter(keyword::equals).isPresent()).findFirst();
  }
}
