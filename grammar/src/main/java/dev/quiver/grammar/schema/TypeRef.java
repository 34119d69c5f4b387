package dev.quiver.grammar.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A property type as written. {@code base} is the base type name ({@code String}, {@code I32}…) for
 * {@link Shape#BASE} and the element type for {@link Shape#LIST}, and empty otherwise. {@code enumValues}
 * are in source order (duplicates kept; rejecting them is the engine's job).
 */
public record TypeRef(
    Shape shape, String base, List<String> enumValues, long dimension, boolean nullable, SourceSpan span) {

  /** The base type names of the language. */
  public static final List<String> BASE_TYPES =
      List.of("String", "Blob", "Bool", "I32", "I64", "U32", "U64", "F32", "F64", "DateTime", "Date");

  /** What kind of type is written. */
  public enum Shape {
    BASE,
    LIST,
    ENUM,
    VECTOR
  }

  public TypeRef {
    requireNonNull(shape, "shape is null");
    requireNonNull(base, "base is null");
    enumValues = List.copyOf(requireNonNull(enumValues, "enumValues is null"));
    requireNonNull(span, "span is null");
  }

  public static TypeRef base(String name, boolean nullable, SourceSpan span) {
    return new TypeRef(Shape.BASE, name, List.of(), 0, nullable, span);
  }

  public static TypeRef listOf(String element, boolean nullable, SourceSpan span) {
    return new TypeRef(Shape.LIST, element, List.of(), 0, nullable, span);
  }

  public static TypeRef enumOf(List<String> values, boolean nullable, SourceSpan span) {
    return new TypeRef(Shape.ENUM, "", values, 0, nullable, span);
  }

  public static TypeRef vector(long dimension, boolean nullable, SourceSpan span) {
    return new TypeRef(Shape.VECTOR, "", List.of(), dimension, nullable, span);
  }

  /** As written in a {@code .pg} text, e.g. {@code [String]?}. */
  public String render() {
    String core =
        switch (shape) {
          case BASE -> base;
          case LIST -> "[" + base + "]";
          case ENUM -> "enum(" + String.join(", ", enumValues) + ")";
          case VECTOR -> "Vector(" + dimension + ")";
        };
    return nullable ? core + "?" : core;
  }
}
