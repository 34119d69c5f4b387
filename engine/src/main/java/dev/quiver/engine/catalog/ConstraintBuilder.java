package dev.quiver.engine.catalog;

import static dev.quiver.engine.catalog.SchemaErrors.invalid;

import dev.quiver.grammar.schema.BodyConstraint;
import dev.quiver.grammar.schema.ConstraintKind;
import dev.quiver.grammar.schema.PropertyConstraint;
import dev.quiver.grammar.schema.PropertyDecl;
import dev.quiver.grammar.schema.RangeBounds;
import dev.quiver.grammar.schema.SourceSpan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Collects and checks the constraints of one type: property-level {@code @key/@unique/@index} desugared to
 * their body form, then body constraints, in source order with exact duplicates dropped.
 */
final class ConstraintBuilder {
  private final TableType type;
  private final String owner;
  private final boolean edge;
  private final List<Constraint> constraints = new ArrayList<>();
  private List<String> key = List.of();
  private SourceSpan keySpan;

  ConstraintBuilder(TableType type, String owner) {
    this.type = type;
    this.owner = owner;
    this.edge = type.kind() == TableKind.EDGE;
  }

  void addPropertyConstraints(List<PropertyDecl> properties) {
    for (PropertyDecl property : properties) {
      for (PropertyConstraint constraint : property.constraints()) {
        add(constraint.kind(), List.of(property.name()), constraint.span());
      }
    }
  }

  void addBodyConstraints(List<BodyConstraint> body) {
    for (BodyConstraint constraint : body) {
      switch (constraint.kind()) {
        case KEY:
        case UNIQUE:
        case INDEX:
          add(constraint.kind(), constraint.properties(), constraint.span());
          break;
        case RANGE:
          range(constraint.properties().get(0), constraint.range().orElseThrow(), constraint.span());
          break;
        case CHECK:
          check(constraint.properties().get(0), constraint.pattern().orElseThrow(), constraint.span());
          break;
      }
    }
  }

  /** The {@code @key} members in canonical (alphabetical) order; empty without {@code @key}. */
  List<String> key() {
    return key.stream().sorted().toList();
  }

  List<Constraint> constraints() {
    return List.copyOf(constraints);
  }

  private void add(ConstraintKind kind, List<String> names, SourceSpan span) {
    switch (kind) {
      case KEY:
        key(names, span);
        return;
      case UNIQUE:
        members("@unique", names, span, true);
        addOnce(new Constraint.Unique(names));
        return;
      case INDEX:
        members("@index", names, span, false);
        addOnce(new Constraint.Index(names));
        return;
      case RANGE:
      case CHECK:
        throw new AssertionError(kind + " has no property-level form");
    }
  }

  private void key(List<String> names, SourceSpan span) {
    if (edge) {
      throw invalid(span, "@key constraint is not supported on edges (" + owner + ")");
    }
    if (keySpan != null) {
      throw invalid(span, owner + " has multiple @key constraints; only one is supported");
    }
    checkDistinct("@key", names, span);
    for (String name : names) {
      Property property =
          type.property(name)
              .orElseThrow(
                  () -> invalid(span, "@key on " + type.name() + " references unknown property '" + name + "'"));
      String subject = "@key property " + type.name() + "." + name;
      if (property.nullable()) {
        throw invalid(span, subject + " cannot be nullable");
      }
      PropertyType propertyType = property.type();
      if (propertyType instanceof PropertyType.ListOf) {
        throw invalid(span, subject + " cannot be a list");
      }
      if (propertyType instanceof PropertyType.Vector) {
        throw invalid(span, subject + " cannot be a Vector");
      }
      if (isBlob(propertyType)) {
        throw invalid(span, subject + " cannot be a Blob");
      }
    }
    key = List.copyOf(names);
    keySpan = span;
  }

  /** Checks the members of {@code @unique}/{@code @index}; edges may name their {@code src}/{@code dst} columns. */
  private void members(String constraint, List<String> names, SourceSpan span, boolean unique) {
    checkDistinct(constraint, names, span);
    for (String name : names) {
      if (edge && (name.equals("src") || name.equals("dst"))) {
        continue;
      }
      Property property =
          type.property(name)
              .orElseThrow(
                  () ->
                      invalid(span, constraint + " on " + type.name() + " references unknown property '" + name + "'"));
      PropertyType propertyType = property.type();
      String subject = constraint + " is not supported on ";
      String where = " " + type.name() + "." + name;
      if (isBlob(propertyType)) {
        throw invalid(span, subject + "blob property" + where);
      }
      if (propertyType instanceof PropertyType.ListOf) {
        throw invalid(span, subject + "list property" + where);
      }
      if (unique && propertyType instanceof PropertyType.Vector) {
        throw invalid(span, subject + "Vector property" + where);
      }
    }
  }

  private void range(String name, RangeBounds bounds, SourceSpan span) {
    if (edge) {
      throw invalid(span, "@range constraint is not supported on edges (" + owner + ")");
    }
    Property property = known("@range", name, span);
    String subject = "@range on " + type.name() + "." + name;
    if (!(property.type() instanceof PropertyType.Scalar)
        || !((PropertyType.Scalar) property.type()).kind().isNumeric()) {
      throw invalid(span, subject + " requires a numeric type, got " + property.type().render());
    }
    BigDecimal min = bounds.min().orElse(null);
    BigDecimal max = bounds.max().orElse(null);
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw invalid(
          span, subject + " has min (" + min.toPlainString() + ") greater than max (" + max.toPlainString() + ")");
    }
    addOnce(new Constraint.Range(name, min, max));
  }

  private void check(String name, String pattern, SourceSpan span) {
    if (edge) {
      throw invalid(span, "@check constraint is not supported on edges (" + owner + ")");
    }
    Property property = known("@check", name, span);
    String subject = "@check on " + type.name() + "." + name;
    if (!property.type().equals(new PropertyType.Scalar(ScalarKind.STRING))) {
      throw invalid(span, subject + " requires String type, got " + property.type().render());
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw invalid(span, subject + " has an invalid pattern '" + pattern + "': " + e.getDescription());
    }
    addOnce(new Constraint.Check(name, pattern));
  }

  private Property known(String constraint, String name, SourceSpan span) {
    return type.property(name)
        .orElseThrow(
            () -> invalid(span, constraint + " on " + type.name() + " references unknown property '" + name + "'"));
  }

  private void checkDistinct(String constraint, List<String> names, SourceSpan span) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw invalid(span, constraint + " on " + type.name() + " lists property '" + name + "' twice");
      }
    }
  }

  private void addOnce(Constraint constraint) {
    if (!constraints.contains(constraint)) {
      constraints.add(constraint);
    }
  }

  private static boolean isBlob(PropertyType type) {
    return type.equals(new PropertyType.Scalar(ScalarKind.BLOB));
  }
}
