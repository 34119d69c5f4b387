package dev.quiver.engine.maintenance;

import dev.quiver.engine.catalog.Constraint;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.storage.IndexSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which indexes a table gets, from the catalog ({@code docs/indexes.md}):
 *
 * <ul>
 *   <li>BTREE on {@code id} of every table, {@code src} and {@code dst} of every edge table, every {@code @key}
 *       member, every member of a {@code @unique} or {@code @index} that has an ordering Lance can index (not
 *       lists, vectors or blobs). Lance scalar indexes cover one column, so a composite constraint indexes
 *       each member.
 *   <li>INVERTED (full-text), in addition to the BTREE, on a String property declared {@code @index} on its
 *       own (property-level {@code @index} or a one-member {@code @index(p)}); members of a composite {@code
 *       @index} are lookup keys and get the BTREE only.
 *   <li>IVF_FLAT on a {@code Vector(n)} property that is a member of an {@code @index}; storage skips it
 *       while the column has fewer than {@link IndexSpec#MIN_VECTOR_ROWS} non-null vectors.
 * </ul>
 */
public final class IndexPlan {
  private IndexPlan() {}

  /** The indexes of a type, in a stable order: the BTREEs, then the INVERTED, then the vector indexes. */
  public static List<IndexSpec> specs(TableType type) {
    List<IndexSpec> specs = new ArrayList<>();
    for (String column : columns(type)) {
      specs.add(IndexSpec.btree(column));
    }
    Set<String> fullText = new LinkedHashSet<>();
    Set<String> vectors = new LinkedHashSet<>();
    for (Constraint constraint : type.constraints()) {
      if (!(constraint instanceof Constraint.Index)) {
        continue;
      }
      List<String> members = ((Constraint.Index) constraint).properties();
      for (String member : members) {
        Optional<PropertyType> propertyType = type.property(member).map(Property::type);
        if (propertyType.isEmpty()) {
          continue;
        }
        if (propertyType.get() instanceof PropertyType.Vector) {
          vectors.add(member);
        } else if (members.size() == 1
            && propertyType.get() instanceof PropertyType.Scalar
            && ((PropertyType.Scalar) propertyType.get()).kind() == ScalarKind.STRING) {
          fullText.add(member);
        }
      }
    }
    for (String column : fullText) {
      specs.add(new IndexSpec(column, IndexSpec.Kind.INVERTED));
    }
    for (String column : vectors) {
      specs.add(new IndexSpec(column, IndexSpec.Kind.IVF_FLAT));
    }
    return List.copyOf(specs);
  }

  /** The BTREE-indexed columns of a type, in a stable order. */
  static List<String> columns(TableType type) {
    Set<String> columns = new LinkedHashSet<>();
    columns.add("id");
    if (type instanceof EdgeType) {
      columns.add("src");
      columns.add("dst");
    }
    if (type instanceof NodeType) {
      for (String member : ((NodeType) type).key()) {
        addIfIndexable(type, member, columns);
      }
    }
    for (Constraint constraint : type.constraints()) {
      List<String> members = List.of();
      if (constraint instanceof Constraint.Unique) {
        members = ((Constraint.Unique) constraint).properties();
      } else if (constraint instanceof Constraint.Index) {
        members = ((Constraint.Index) constraint).properties();
      }
      for (String member : members) {
        addIfIndexable(type, member, columns);
      }
    }
    return List.copyOf(new ArrayList<>(columns));
  }

  /** Whether a column's values are unique by declaration: {@code id}, a one-member key or {@code @unique}. */
  public static boolean unique(TableType type, String column) {
    if (column.equals("id")) {
      return true;
    }
    if (type instanceof NodeType && ((NodeType) type).key().equals(List.of(column))) {
      return true;
    }
    for (Constraint constraint : type.constraints()) {
      if (constraint instanceof Constraint.Unique
          && ((Constraint.Unique) constraint).properties().equals(List.of(column))) {
        return true;
      }
    }
    return false;
  }

  private static void addIfIndexable(TableType type, String name, Set<String> columns) {
    Optional<Property> property = type.property(name);
    if (property.isEmpty()) {
      return; // a system column (already indexed) or a name the catalog validated elsewhere
    }
    if (property.get().type().isOrderedValue()) {
      columns.add(name);
    }
  }
}
