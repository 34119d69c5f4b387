package dev.quiver.engine.mutation;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import dev.quiver.grammar.ast.ListType;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.ParameterDeclaration;
import dev.quiver.grammar.ast.ParameterType;
import dev.quiver.grammar.ast.QueryDeclaration;
import dev.quiver.grammar.ast.ScalarType;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.ast.VectorType;
import java.util.List;

/**
 * A {@code query} declaration fixes its parameters' types: a bound value that does not fit is a {@code 22023}
 * naming the parameter, raised before anything runs (SPEC §4).
 */
public final class DeclaredParameters {
  private DeclaredParameters() {}

  public static void check(Script script, List<Object> values) {
    for (QueryDeclaration declaration : script.declarations()) {
      for (ParameterDeclaration declared : declaration.parameters()) {
        Parameter parameter = find(script, declared.name());
        if (parameter == null) {
          continue; // declared but never used: nothing binds it
        }
        String where = "parameter " + parameter.display() + " (index " + parameter.index() + ")";
        boolean nullable = nullable(declared.type());
        if (parameter.index() > values.size()) {
          if (!nullable) {
            throw at(declared, where + " is not set");
          }
          continue;
        }
        Object value = values.get(parameter.index() - 1);
        if (value == null) {
          if (!nullable) {
            throw at(declared, where + " is declared " + render(declared.type()) + " and cannot be NULL");
          }
          continue;
        }
        try {
          Values.coerce(new Property(declared.name(), type(declared.type()), nullable), value, where);
        } catch (GraphException e) {
          throw new GraphException(ErrorCode.INVALID_VALUE, e.getMessage(), declared.span().line(), declared.span().column(), e);
        }
      }
    }
  }

  private static Parameter find(Script script, String name) {
    for (Parameter parameter : script.parameters()) {
      if (parameter.name().isPresent() && parameter.name().get().equals(name)) {
        return parameter;
      }
    }
    return null;
  }

  private static PropertyType type(ParameterType type) {
    if (type instanceof ScalarType scalar) {
      return new PropertyType.Scalar(ScalarKind.fromSchemaName(scalar.kind().typeName()));
    }
    if (type instanceof ListType list) {
      return new PropertyType.ListOf(ScalarKind.fromSchemaName(list.element().typeName()));
    }
    return new PropertyType.Vector(((VectorType) type).dimension());
  }

  private static boolean nullable(ParameterType type) {
    if (type instanceof ScalarType scalar) {
      return scalar.nullable();
    }
    if (type instanceof ListType list) {
      return list.nullable();
    }
    return ((VectorType) type).nullable();
  }

  private static String render(ParameterType type) {
    return type(type).render();
  }

  private static GraphException at(ParameterDeclaration declared, String message) {
    return new GraphException(ErrorCode.INVALID_VALUE, message, declared.span().line(), declared.span().column(), null);
  }
}
