package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the move from the accepted catalog to a desired one. Only additive changes are accepted: new types,
 * new nullable properties, new {@code @index}es, enum widening and {@code @description}/{@code @instruction}
 * edits. Anything destructive or ambiguous fails with {@link ErrorCode#SCHEMA_CHANGE_UNSUPPORTED} naming the
 * first such change, so nothing is half-applied. Types and properties are matched by name: drops and
 * renames ({@code @rename_from}) are not supported yet.
 */
public final class SchemaChanges {
  private static final Set<String> METADATA = Set.of("description", "instruction");

  private SchemaChanges() {}

  /**
   * The steps from {@code current} to {@code desired}, in catalog order; empty when nothing changes.
   *
   * @throws GraphException SCHEMA_CHANGE_UNSUPPORTED at the first change that is not additive
   */
  public static List<SchemaChange> plan(Catalog current, Catalog desired) {
    requireNonNull(current, "current is null");
    requireNonNull(desired, "desired is null");
    List<SchemaChange> steps = new ArrayList<>();
    for (NodeType node : current.nodes()) {
      if (desired.node(node.name()).isEmpty()) {
        throw unsupported("dropping node type '" + node.name() + "' is not supported (no drops or renames yet)");
      }
    }
    for (EdgeType edge : current.edges()) {
      if (desired.edge(edge.name()).isEmpty()) {
        throw unsupported("dropping edge type '" + edge.name() + "' is not supported (no drops or renames yet)");
      }
    }
    for (NodeType node : desired.nodes()) {
      Optional<NodeType> existing = current.node(node.name());
      if (existing.isEmpty()) {
        rejectRename(node.name(), node.annotations());
        steps.add(new SchemaChange.AddNodeType(node));
        continue;
      }
      NodeType before = existing.get();
      if (!before.interfaces().equals(node.interfaces())) {
        throw unsupported("changing implemented interfaces on node '" + node.name() + "' is not supported");
      }
      if (!before.key().equals(node.key())) {
        throw unsupported(
            (before.keyed() ? "changing @key on '" : "adding constraint '@key' to '") + node.name()
                + "' is not supported");
      }
      diffTable(before, node, steps);
    }
    for (EdgeType edge : desired.edges()) {
      Optional<EdgeType> existing = current.edge(edge.name());
      if (existing.isEmpty()) {
        rejectRename(edge.name(), edge.annotations());
        steps.add(new SchemaChange.AddEdgeType(edge));
        continue;
      }
      EdgeType before = existing.get();
      if (!before.from().equals(edge.from()) || !before.to().equals(edge.to())) {
        throw unsupported(
            "changing edge endpoints on '" + edge.name() + "' is not supported (" + before.from() + " -> "
                + before.to() + " to " + edge.from() + " -> " + edge.to() + ")");
      }
      if (!before.cardinality().equals(edge.cardinality())) {
        throw unsupported("changing cardinality on edge '" + edge.name() + "' is not supported");
      }
      diffTable(before, edge, steps);
    }
    return List.copyOf(steps);
  }

  /**
   * The catalog to publish after {@link #plan} accepts the change: {@code desired}, except that a type that
   * already exists keeps its current property order and gets new properties appended, so an existing
   * table's columns never move.
   */
  public static Catalog evolve(Catalog current, Catalog desired) {
    plan(current, desired);
    List<NodeType> nodes = new ArrayList<>();
    for (NodeType node : desired.nodes()) {
      Optional<NodeType> before = current.node(node.name());
      nodes.add(
          before.isEmpty()
              ? node
              : new NodeType(
                  node.name(),
                  keepOrder(before.get(), node),
                  node.key(),
                  node.constraints(),
                  node.annotations(),
                  node.interfaces()));
    }
    List<EdgeType> edges = new ArrayList<>();
    for (EdgeType edge : desired.edges()) {
      Optional<EdgeType> before = current.edge(edge.name());
      edges.add(
          before.isEmpty()
              ? edge
              : new EdgeType(
                  edge.name(),
                  edge.from(),
                  edge.to(),
                  edge.cardinality(),
                  keepOrder(before.get(), edge),
                  edge.constraints(),
                  edge.annotations()));
    }
    return new Catalog(nodes, edges, desired.source());
  }

  private static List<Property> keepOrder(TableType before, TableType after) {
    List<Property> properties = new ArrayList<>();
    for (Property property : before.properties()) {
      properties.add(after.property(property.name()).orElseThrow());
    }
    for (Property property : after.properties()) {
      if (before.property(property.name()).isEmpty()) {
        properties.add(property);
      }
    }
    return properties;
  }

  private static void diffTable(TableType before, TableType after, List<SchemaChange> steps) {
    String table = before.tableKey();
    for (Property property : before.properties()) {
      if (after.property(property.name()).isEmpty()) {
        throw unsupported(
            "dropping property '" + before.name() + "." + property.name()
                + "' is not supported (no drops or renames yet)");
      }
    }
    for (Property property : after.properties()) {
      Optional<Property> existing = before.property(property.name());
      String subject = "'" + before.name() + "." + property.name() + "'";
      if (existing.isEmpty()) {
        rejectRename(before.name() + "." + property.name(), property.annotations());
        if (!property.nullable()) {
          throw unsupported("adding required property " + subject + " requires a backfill and is not supported");
        }
        steps.add(new SchemaChange.AddProperty(table, property));
        continue;
      }
      Property old = existing.get();
      if (!old.type().equals(property.type()) || old.nullable() != property.nullable()) {
        List<String> added = widenedEnum(old, property);
        if (added.isEmpty()) {
          throw unsupported(
              "changing property type for " + subject + " is not supported (" + old.renderType() + " to "
                  + property.renderType() + ")");
        }
        steps.add(new SchemaChange.ExtendEnum(table, property.name(), added));
      }
      if (!old.annotations().equals(property.annotations())) {
        checkMetadataOnly(subject, old.annotations(), property.annotations());
        steps.add(
            new SchemaChange.UpdateAnnotations(table, Optional.of(property.name()), property.annotations()));
      }
    }

    Set<Constraint> oldConstraints = new LinkedHashSet<>(before.constraints());
    Set<Constraint> newConstraints = new LinkedHashSet<>(after.constraints());
    for (Constraint constraint : oldConstraints) {
      if (!newConstraints.contains(constraint)) {
        throw unsupported(
            "removing constraint " + constraint.render() + " from '" + before.name() + "' is not supported");
      }
    }
    for (Constraint constraint : newConstraints) {
      if (oldConstraints.contains(constraint)) {
        continue;
      }
      if (!(constraint instanceof Constraint.Index)) {
        throw unsupported(
            "adding constraint " + constraint.render() + " to '" + before.name()
                + "' is not supported (existing rows are not re-validated)");
      }
      steps.add(new SchemaChange.AddIndex(table, (Constraint.Index) constraint));
    }

    if (!before.annotations().equals(after.annotations())) {
      checkMetadataOnly("'" + before.name() + "'", before.annotations(), after.annotations());
      steps.add(new SchemaChange.UpdateAnnotations(table, Optional.empty(), after.annotations()));
    }
  }

  /** The values an enum gains, or empty when the change is not a pure widening. */
  private static List<String> widenedEnum(Property old, Property property) {
    if (!(old.type() instanceof PropertyType.EnumOf)
        || !(property.type() instanceof PropertyType.EnumOf)
        || old.nullable() != property.nullable()) {
      return List.of();
    }
    List<String> oldValues = ((PropertyType.EnumOf) old.type()).values();
    TreeSet<String> added = new TreeSet<>(((PropertyType.EnumOf) property.type()).values());
    if (!added.containsAll(oldValues)) {
      return List.of();
    }
    added.removeAll(oldValues);
    return List.copyOf(added);
  }

  private static void checkMetadataOnly(String subject, List<Annotation> before, List<Annotation> after) {
    List<Annotation> structuralBefore = structural(before);
    List<Annotation> structuralAfter = structural(after);
    if (structuralBefore.equals(structuralAfter)) {
      return;
    }
    if (!named(structuralBefore, "embed").equals(named(structuralAfter, "embed"))) {
      throw unsupported("changing @embed source or model for " + subject + " is not supported");
    }
    throw unsupported("changing annotations beyond @description/@instruction on " + subject + " is not supported");
  }

  private static List<Annotation> structural(List<Annotation> annotations) {
    return annotations.stream().filter(a -> !METADATA.contains(a.name())).toList();
  }

  private static List<Annotation> named(List<Annotation> annotations, String name) {
    return annotations.stream().filter(a -> a.name().equals(name)).toList();
  }

  private static void rejectRename(String subject, List<Annotation> annotations) {
    for (Annotation annotation : annotations) {
      if (annotation.name().equals("rename_from")) {
        throw unsupported(
            "renaming '" + String.join("", annotation.arguments()) + "' to '" + subject
                + "' is not supported yet (@rename_from)");
      }
    }
  }

  private static GraphException unsupported(String message) {
    return new GraphException(ErrorCode.SCHEMA_CHANGE_UNSUPPORTED, message);
  }
}
