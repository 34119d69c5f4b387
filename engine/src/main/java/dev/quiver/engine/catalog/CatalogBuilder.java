package dev.quiver.engine.catalog;

import static dev.quiver.engine.catalog.SchemaErrors.invalid;
import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.grammar.SchemaParser;
import dev.quiver.grammar.SyntaxError;
import dev.quiver.grammar.schema.AnnotationArgument;
import dev.quiver.grammar.schema.AnnotationDecl;
import dev.quiver.grammar.schema.CardinalityDecl;
import dev.quiver.grammar.schema.EdgeDecl;
import dev.quiver.grammar.schema.InterfaceDecl;
import dev.quiver.grammar.schema.NameRef;
import dev.quiver.grammar.schema.NodeDecl;
import dev.quiver.grammar.schema.PropertyConstraint;
import dev.quiver.grammar.schema.PropertyDecl;
import dev.quiver.grammar.schema.SchemaFile;
import dev.quiver.grammar.schema.SourceSpan;
import dev.quiver.grammar.schema.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Catalog} from {@code .pg} text, enforcing the rules the grammar cannot: names resolve,
 * nothing is declared twice, keys and constraints fit their properties, reserved names stay free.
 *
 * <p>Property order, which is also the Arrow column order after the system columns: properties taken in
 * from interfaces come first, interface by interface in {@code implements} order and each in its declaration
 * order; then the type's own properties in declaration order. A property that a node re-declares from an
 * interface keeps the interface's position.
 *
 * <p>Errors: a parse error becomes {@link ErrorCode#SYNTAX_ERROR}, any other {@link ErrorCode#SCHEMA_INVALID};
 * both carry the 1-based line and column and read {@code line L:C: detail}.
 */
public final class CatalogBuilder {

  /** Lance's virtual columns: a property of that name would shadow what Lance exports. */
  static final Set<String> LANCE_RESERVED =
      Set.of("_rowid", "_rowaddr", "_rowoffset", "_row_created_at_version", "_row_last_updated_at_version");

  private CatalogBuilder() {}

  /** Parses and validates a schema text. The catalog's {@code source} is the text as given. */
  public static Catalog build(String source) {
    requireNonNull(source, "source is null");
    SchemaFile file;
    try {
      file = SchemaParser.parse(source);
    } catch (SyntaxError e) {
      throw new GraphException(ErrorCode.SYNTAX_ERROR, e.getMessage(), e.line(), e.column(), e);
    }
    return build(file, source);
  }

  /** Validates an already parsed schema; {@code source} is recorded as the catalog's text. */
  public static Catalog build(SchemaFile file, String source) {
    requireNonNull(file, "file is null");
    requireNonNull(source, "source is null");
    Map<String, InterfaceDecl> interfaces = new LinkedHashMap<>();
    for (InterfaceDecl declaration : file.interfaces()) {
      if (interfaces.putIfAbsent(declaration.name(), declaration) != null) {
        throw invalid(declaration.span(), "duplicate interface: " + declaration.name());
      }
      String owner = "interface " + declaration.name();
      Set<String> seen = new HashSet<>();
      for (PropertyDecl property : declaration.properties()) {
        checkPropertyName(owner, property, false);
        if (!seen.add(property.name())) {
          throw invalid(property.span(), owner + " declares property '" + property.name() + "' twice");
        }
        propertyOf(owner, property, false);
      }
    }

    List<NodeType> nodes = new ArrayList<>();
    Set<String> nodeNames = new HashSet<>();
    for (NodeDecl declaration : file.nodes()) {
      if (!nodeNames.add(declaration.name())) {
        throw invalid(declaration.span(), "duplicate node type: " + declaration.name());
      }
      nodes.add(node(declaration, interfaces));
    }

    List<EdgeType> edges = new ArrayList<>();
    Map<String, String> foldedEdgeNames = new HashMap<>();
    for (EdgeDecl declaration : file.edges()) {
      String folded = declaration.name().toLowerCase(Locale.ROOT);
      String previous = foldedEdgeNames.putIfAbsent(folded, declaration.name());
      if (previous != null) {
        if (previous.equals(declaration.name())) {
          throw invalid(declaration.span(), "duplicate edge type: " + declaration.name());
        }
        throw invalid(
            declaration.span(),
            "edge name collision after case folding: '" + declaration.name() + "' conflicts with '" + previous + "'");
      }
      edges.add(edge(declaration, nodeNames));
    }
    return new Catalog(nodes, edges, source);
  }

  private static NodeType node(NodeDecl declaration, Map<String, InterfaceDecl> interfaces) {
    String owner = "node " + declaration.name();
    AnnotationRules.checkTypeAnnotations(owner, declaration.annotations());

    // Interface properties first, in implements order; a node's re-declaration must match exactly.
    Map<String, List<PropertyDecl>> declared = new LinkedHashMap<>();
    Map<String, String> declaredBy = new HashMap<>();
    List<String> interfaceNames = new ArrayList<>();
    for (NameRef reference : declaration.interfaces()) {
      InterfaceDecl implemented = interfaces.get(reference.name());
      if (implemented == null) {
        throw invalid(
            reference.span(), owner + " implements unknown interface '" + reference.name() + "'");
      }
      if (interfaceNames.contains(reference.name())) {
        throw invalid(reference.span(), owner + " implements interface '" + reference.name() + "' twice");
      }
      interfaceNames.add(reference.name());
      for (PropertyDecl property : implemented.properties()) {
        List<PropertyDecl> existing = declared.get(property.name());
        if (existing != null) {
          requireSameType(owner, existing.get(0), property, implemented.name(), reference.span());
          existing.add(property);
        } else {
          declared.put(property.name(), new ArrayList<>(List.of(property)));
          declaredBy.put(property.name(), implemented.name());
        }
      }
    }
    Set<String> own = new HashSet<>();
    for (PropertyDecl property : declaration.properties()) {
      checkPropertyName(owner, property, false);
      if (!own.add(property.name())) {
        throw invalid(property.span(), owner + " declares property '" + property.name() + "' twice");
      }
      List<PropertyDecl> existing = declared.get(property.name());
      if (existing != null) {
        requireSameType(owner, property, existing.get(0), declaredBy.get(property.name()), property.span());
        existing.add(0, property);
      } else {
        declared.put(property.name(), new ArrayList<>(List.of(property)));
      }
    }

    List<Property> properties = new ArrayList<>();
    List<PropertyDecl> merged = new ArrayList<>();
    for (List<PropertyDecl> declarations : declared.values()) {
      PropertyDecl first = declarations.get(0);
      List<AnnotationDecl> annotations = new ArrayList<>(first.annotations());
      List<PropertyConstraint> constraints = new ArrayList<>();
      for (PropertyDecl each : declarations) {
        // The same @key/@unique/@index from an interface and the node is one constraint, not two.
        for (PropertyConstraint constraint : each.constraints()) {
          if (constraints.stream().noneMatch(c -> c.kind() == constraint.kind())) {
            constraints.add(constraint);
          }
        }
        if (annotations.isEmpty()) {
          annotations.addAll(each.annotations());
        }
      }
      PropertyDecl property = new PropertyDecl(first.name(), first.type(), constraints, annotations, first.span());
      merged.add(property);
      properties.add(propertyOf(owner, property, false));
    }
    NodeType draft = new NodeType(declaration.name(), properties, List.of(), List.of(), List.of(), interfaceNames);
    ConstraintBuilder constraints = new ConstraintBuilder(draft, owner);
    constraints.addPropertyConstraints(merged);
    constraints.addBodyConstraints(declaration.constraints());
    AnnotationRules.checkEmbeds(owner, draft, merged);
    return new NodeType(
        declaration.name(),
        properties,
        constraints.key(),
        constraints.constraints(),
        annotationsOf(declaration.annotations()),
        interfaceNames);
  }

  private static EdgeType edge(EdgeDecl declaration, Set<String> nodeNames) {
    String owner = "edge " + declaration.name();
    if (!nodeNames.contains(declaration.from().name())) {
      throw invalid(
          declaration.from().span(),
          owner + " references unknown source type: " + declaration.from().name());
    }
    if (!nodeNames.contains(declaration.to().name())) {
      throw invalid(
          declaration.to().span(), owner + " references unknown target type: " + declaration.to().name());
    }
    AnnotationRules.checkTypeAnnotations(owner, declaration.annotations());
    Cardinality cardinality = declaration.cardinality().map(CatalogBuilder::cardinality).orElse(Cardinality.ANY);
    List<Property> properties = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PropertyDecl property : declaration.properties()) {
      checkPropertyName(owner, property, true);
      if (!seen.add(property.name())) {
        throw invalid(property.span(), owner + " declares property '" + property.name() + "' twice");
      }
      properties.add(propertyOf(owner, property, true));
    }
    EdgeType draft =
        new EdgeType(
            declaration.name(),
            declaration.from().name(),
            declaration.to().name(),
            cardinality,
            properties,
            List.of(),
            List.of());
    ConstraintBuilder constraints = new ConstraintBuilder(draft, owner);
    constraints.addPropertyConstraints(declaration.properties());
    constraints.addBodyConstraints(declaration.constraints());
    return new EdgeType(
        declaration.name(),
        declaration.from().name(),
        declaration.to().name(),
        cardinality,
        properties,
        constraints.constraints(),
        annotationsOf(declaration.annotations()));
  }

  private static Cardinality cardinality(CardinalityDecl declaration) {
    if (declaration.max().isPresent() && declaration.max().getAsLong() < declaration.min()) {
      throw invalid(
          declaration.span(),
          "cardinality min (" + declaration.min() + ") exceeds max (" + declaration.max().getAsLong() + ")");
    }
    return new Cardinality(declaration.min(), declaration.max().orElse(-1));
  }

  private static void requireSameType(
      String owner, PropertyDecl declared, PropertyDecl fromInterface, String interfaceName, SourceSpan span) {
    PropertyType left = typeOf(owner, declared);
    PropertyType right = typeOf(owner, fromInterface);
    if (!left.equals(right) || declared.type().nullable() != fromInterface.type().nullable()) {
      throw invalid(
          span,
          owner + " property '" + declared.name() + "' has type " + declared.type().render()
              + " but interface " + interfaceName + " declares it as " + fromInterface.type().render());
    }
  }

  private static void checkPropertyName(String owner, PropertyDecl property, boolean edge) {
    String name = property.name();
    if (LANCE_RESERVED.contains(name)) {
      throw invalid(
          property.span(),
          "property name '" + name + "' on " + owner
              + " is reserved: Lance exports a virtual system column of that name");
    }
    if (name.equals("id")) {
      throw invalid(
          property.span(),
          "property name 'id' on " + owner + " is reserved: it is the system column that stores the "
              + (edge ? "edge's" : "node's") + " id");
    }
    if (edge && (name.equals("src") || name.equals("dst"))) {
      throw invalid(
          property.span(),
          "property name '" + name + "' on " + owner + " is reserved: it is the system column that stores the "
              + (name.equals("src") ? "source" : "target") + " node's id");
    }
  }

  private static Property propertyOf(String owner, PropertyDecl property, boolean edge) {
    AnnotationRules.checkPropertyAnnotations(owner, property, edge);
    return new Property(
        property.name(), typeOf(owner, property), property.type().nullable(), annotationsOf(property.annotations()));
  }

  static PropertyType typeOf(String owner, PropertyDecl property) {
    TypeRef type = property.type();
    switch (type.shape()) {
      case BASE:
        return new PropertyType.Scalar(ScalarKind.fromSchemaName(type.base()));
      case LIST:
        ScalarKind element = ScalarKind.fromSchemaName(type.base());
        if (element == ScalarKind.BLOB) {
          throw invalid(type.span(), "list of Blob is not supported (" + owner + "." + property.name() + ")");
        }
        return new PropertyType.ListOf(element);
      case ENUM:
        TreeSet<String> values = new TreeSet<>();
        for (String value : type.enumValues()) {
          if (!values.add(value)) {
            throw invalid(
                type.span(),
                "enum type cannot include duplicate values: '" + value + "' in " + owner + "." + property.name());
          }
        }
        return new PropertyType.EnumOf(List.copyOf(values));
      case VECTOR:
        if (type.dimension() < 1) {
          throw invalid(type.span(), "Vector dimension must be greater than zero (" + owner + "." + property.name() + ")");
        }
        if (type.dimension() > Integer.MAX_VALUE) {
          throw invalid(type.span(), "Vector dimension must be at most " + Integer.MAX_VALUE);
        }
        return new PropertyType.Vector((int) type.dimension());
    }
    throw new AssertionError(type.shape());
  }

  /** Positional arguments keep their value; keyword arguments become {@code name=value}. */
  static List<Annotation> annotationsOf(List<AnnotationDecl> declarations) {
    List<Annotation> annotations = new ArrayList<>();
    for (AnnotationDecl declaration : declarations) {
      List<String> arguments = new ArrayList<>();
      for (AnnotationArgument argument : declaration.arguments()) {
        arguments.add(argument.keyword().map(k -> k + "=").orElse("") + argument.value());
      }
      annotations.add(new Annotation(declaration.name(), arguments));
    }
    return annotations;
  }
}
