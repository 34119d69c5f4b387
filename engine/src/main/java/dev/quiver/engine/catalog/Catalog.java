package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An accepted schema: node types, edge types and the source text they came from. Immutable; a schema change
 * produces a new catalog published with a new graph version.
 */
public record Catalog(List<NodeType> nodes, List<EdgeType> edges, String source) {
  public static final Catalog EMPTY = new Catalog(List.of(), List.of(), "");

  public Catalog {
    nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
    edges = List.copyOf(requireNonNull(edges, "edges is null"));
    requireNonNull(source, "source is null");
  }

  public Optional<NodeType> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  public Optional<EdgeType> edge(String name) {
    return edges.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Edge lookup as queries use it: case-insensitive ({@code knows} finds {@code Knows}). */
  public Optional<EdgeType> edgeIgnoreCase(String name) {
    String folded = name.toLowerCase(Locale.ROOT);
    return edges.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).equals(folded)).findFirst();
  }

  /** Every table: node types, then edge types, each in declaration order. */
  public List<TableType> tables() {
    List<TableType> all = new ArrayList<>(nodes);
    all.addAll(edges);
    return List.copyOf(all);
  }

  public Optional<TableType> table(String tableKey) {
    return tables().stream().filter(t -> t.tableKey().equals(tableKey)).findFirst();
  }

  /** Edge types incident to a node type, in declaration order. */
  public List<EdgeType> edgesIncidentTo(String nodeType) {
    return edges.stream().filter(e -> e.from().equals(nodeType) || e.to().equals(nodeType)).toList();
  }
}
