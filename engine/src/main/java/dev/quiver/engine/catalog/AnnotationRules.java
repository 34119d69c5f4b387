package dev.quiver.engine.catalog;

import static dev.quiver.engine.catalog.SchemaErrors.invalid;

import dev.quiver.grammar.schema.AnnotationArgument;
import dev.quiver.grammar.schema.AnnotationDecl;
import dev.quiver.grammar.schema.PropertyDecl;
import dev.quiver.grammar.schema.TypeRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules for the annotations the engine understands ({@code @description}, {@code @instruction},
 * {@code @embed}, {@code @rename_from}); any other annotation is kept as opaque metadata.
 */
final class AnnotationRules {
  private AnnotationRules() {}

  static void checkTypeAnnotations(String owner, List<AnnotationDecl> annotations) {
    boolean edge = owner.startsWith("edge ");
    Set<String> seen = new HashSet<>();
    for (AnnotationDecl annotation : annotations) {
      String name = annotation.name();
      switch (name) {
        case "key":
        case "embed":
          if (edge) {
            throw invalid(annotation.span(), "@" + name + " is not supported on edges (" + owner + ")");
          }
          throw invalid(
              annotation.span(), "@" + name + " is only supported on node properties or as body constraint (" + owner + ")");
        case "unique":
        case "index":
          throw invalid(
              annotation.span(), "@" + name + " is only supported on node properties or as body constraint (" + owner + ")");
        case "description":
        case "instruction":
        case "rename_from":
          checkOnce(owner, annotation, seen);
          checkText(owner, annotation);
          break;
        default:
          break;
      }
    }
  }

  static void checkPropertyAnnotations(String owner, PropertyDecl property, boolean edge) {
    String target = owner + "." + property.name();
    Set<String> seen = new HashSet<>();
    for (AnnotationDecl annotation : property.annotations()) {
      switch (annotation.name()) {
        case "instruction":
          throw invalid(annotation.span(), "@instruction is only supported on node and edge types (" + target + ")");
        case "description":
        case "rename_from":
          checkOnce(target, annotation, seen);
          checkText(target, annotation);
          break;
        case "embed":
          if (edge) {
            throw invalid(annotation.span(), "@embed is not supported on edges (" + owner + ")");
          }
          checkOnce(target, annotation, seen);
          checkEmbedShape(target, property, annotation);
          break;
        default:
          break;
      }
    }
  }

  /** {@code @embed(source)}: the source must be a non-list String property of the same node. */
  static void checkEmbeds(String owner, NodeType node, List<PropertyDecl> properties) {
    for (PropertyDecl property : properties) {
      for (AnnotationDecl annotation : property.annotations()) {
        if (!annotation.name().equals("embed")) {
          continue;
        }
        String source = annotation.positional().get(0).value();
        Property sourceProperty =
            node.property(source)
                .orElseThrow(
                    () ->
                        invalid(
                            annotation.span(),
                            "@embed on " + node.name() + "." + property.name()
                                + " references unknown property '" + source + "'"));
        if (!sourceProperty.type().equals(new PropertyType.Scalar(ScalarKind.STRING))) {
          throw invalid(
              annotation.span(),
              "@embed source " + node.name() + "." + source + " must be a String property, got "
                  + sourceProperty.type().render());
        }
      }
    }
  }

  private static void checkEmbedShape(String target, PropertyDecl property, AnnotationDecl annotation) {
    if (property.type().shape() != TypeRef.Shape.VECTOR) {
      throw invalid(
          annotation.span(), "@embed on " + target + " requires a Vector property, got " + property.type().render());
    }
    List<AnnotationArgument> positional = annotation.positional();
    if (positional.size() != 1
        || (positional.get(0).kind() != AnnotationArgument.Kind.STRING
            && positional.get(0).kind() != AnnotationArgument.Kind.IDENT)) {
      throw invalid(annotation.span(), "@embed on " + target + " requires exactly one source property");
    }
    for (AnnotationArgument argument : annotation.arguments()) {
      String keyword = argument.keyword().orElse(null);
      if (keyword != null && !keyword.equals("model")) {
        throw invalid(
            argument.span(),
            "@embed on " + target + " has unknown argument '" + keyword + "=' (only 'model' is supported)");
      }
    }
  }

  private static void checkOnce(String target, AnnotationDecl annotation, Set<String> seen) {
    if (!seen.add(annotation.name())) {
      throw invalid(annotation.span(), "@" + annotation.name() + " may appear at most once on " + target);
    }
  }

  private static void checkText(String target, AnnotationDecl annotation) {
    List<AnnotationArgument> arguments = annotation.arguments();
    if (arguments.size() != 1
        || arguments.get(0).keyword().isPresent()
        || arguments.get(0).kind() != AnnotationArgument.Kind.STRING
        || arguments.get(0).value().isEmpty()) {
      throw invalid(
          annotation.span(), "@" + annotation.name() + " on " + target + " requires one non-empty string");
    }
  }
}
