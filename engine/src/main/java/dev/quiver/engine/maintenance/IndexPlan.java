package dev.quiver.engine.maintenance;

import dev.quiver.engine.catalog.Constraint;
import dev.quiver.engine.catalog.EdgeType;
import dev.quiver.engine.catalog.NodeType;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.engine.catalog.TableType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which columns of a table get a (BTREE) index, from the catalog: {@code id} of every table, {@code src} and
 * {@code dst} of every edge table, every {@code @key} member, every member of a {@code @unique} or {@code
 * @index}. Lance scalar indexes cover one column, so a composite constraint indexes each member. Properties
 * without an ordering Lance can index (lists, vectors, blobs) are skipped; see {@code docs/indexes.md}.
 */
public final class IndexPlan {
  private IndexPlan() {}

  /** The indexed columns of a type, in a stable order. */
  public static List<String> columns(TableType type) {
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
    PropertyType propertyType = property.get().type();
    boolean indexable =
        propertyType instanceof PropertyType.EnumOf
            || (propertyType instanceof PropertyType.Scalar
                && ((PropertyType.Scalar) propertyType).kind() != ScalarKind.BLOB);
    if (indexable) {
      columns.add(name);
    }
  }
}
