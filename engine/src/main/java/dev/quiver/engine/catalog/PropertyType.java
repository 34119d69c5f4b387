package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The type of a property, without its nullability. */
public sealed interface PropertyType {

  /** The type as written in a {@code .pg} text (without {@code ?}). */
  String render();

  /**
   * Whether a value of this type is one ordered, immutable value — a base type other than Blob, or an enum — as
   * where predicates, BTREE indexes and the column cache need; lists, vectors and blobs are not.
   */
  default boolean isOrderedValue() {
    return this instanceof EnumOf || (this instanceof Scalar scalar && scalar.kind() != ScalarKind.BLOB);
  }

  /** A base type: {@code String}, {@code I32}, {@code Date}… */
  record Scalar(ScalarKind kind) implements PropertyType {
    public Scalar {
      requireNonNull(kind, "kind is null");
    }

    @Override
    public String render() {
      return kind.schemaName();
    }
  }

  /** {@code [T]}: a list of a base type (not Blob). */
  record ListOf(ScalarKind element) implements PropertyType {
    public ListOf {
      requireNonNull(element, "element is null");
    }

    @Override
    public String render() {
      return "[" + element.schemaName() + "]";
    }
  }

  /** {@code enum(a, b)}: a string restricted to a value set, kept sorted and de-duplicated. */
  record EnumOf(List<String> values) implements PropertyType {
    public EnumOf {
      values = List.copyOf(requireNonNull(values, "values is null"));
    }

    @Override
    public String render() {
      return "enum(" + String.join(", ", values) + ")";
    }
  }

  /** {@code Vector(n)}: a fixed-size list of n F32 values. */
  record Vector(int dimension) implements PropertyType {
    public Vector {
      if (dimension < 1) {
        throw new IllegalArgumentException("Vector dimension must be greater than zero");
      }
    }

    @Override
    public String render() {
      return "Vector(" + dimension + ")";
    }
  }
}
