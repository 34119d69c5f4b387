package dev.quiver.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.grammar.ast.PropertyMatch;
import dev.quiver.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one match block while it compiles. A variable is <em>typed</em> once a binding or a
 * traversal gives it a type, and <em>placed</em> once its table's columns are part of the block's relation
 * (at {@link Variable#offset()}). Typing comes first so that a binding written after a traversal still
 * steers the traversal's direction; placing is deferred so that a binding's scan joins where it is first
 * needed instead of as a cross product.
 */
final class GqScope {
  /**
   * A variable of the block.
   *
   * @param name the name without {@code $} (anonymous endpoints get a unique name)
   * @param type its node or edge type
   * @param offset the index of its first column (its {@code id}) in the block's relation, or -1 while unplaced
   * @param matches property matches not yet applied
   */
  record Variable(String name, TableType type, int offset, List<PropertyMatch> matches, SourceSpan span) {
    Variable {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      matches = List.copyOf(requireNonNull(matches, "matches is null"));
      requireNonNull(span, "span is null");
    }

    boolean placed() {
      return offset >= 0;
    }

    boolean isEdge() {
      return type.kind() == dev.quiver.engine.catalog.TableKind.EDGE;
    }

    /** The relation column of a table column of this variable. */
    int column(String name) {
      List<TableColumn> columns = TableColumn.of(type);
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(name)) {
          return offset + i;
        }
      }
      throw new IllegalArgumentException("no column " + name + " in " + type.name());
    }
  }

  private final Map<String, Variable> variables = new LinkedHashMap<>();
  private final GqScope outer;
  private int anonymous;

  GqScope(GqScope outer) {
    this.outer = outer;
  }

  /** A scope for a {@code not { … }} block: it sees (copies of) every variable placed here. */
  GqScope inner() {
    GqScope inner = new GqScope(this);
    inner.anonymous = anonymous + 1000;
    variables.values().forEach(v -> inner.variables.put(v.name(), v));
    return inner;
  }

  Optional<Variable> get(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /** Whether {@code name} belongs to an enclosing block (so a negation refers to its outer rows). */
  boolean isOuter(String name) {
    return outer != null && outer.variables.containsKey(name);
  }

  Variable require(String name, SourceSpan span) {
    Variable variable = variables.get(name);
    if (variable == null) {
      throw GqCompiler.error(ErrorCode.RULE_VIOLATION, "variable '$" + name + "' is not bound by the match", span);
    }
    return variable;
  }

  void put(Variable variable) {
    variables.put(variable.name(), variable);
  }

  /** A fresh name for {@code $_}. */
  String anonymousName() {
    return "_" + (++anonymous);
  }

  List<Variable> all() {
    return List.copyOf(variables.values());
  }

  List<Variable> unplaced() {
    List<Variable> out = new ArrayList<>();
    for (Variable variable : variables.values()) {
      if (!variable.placed()) {
        out.add(variable);
      }
    }
    return out;
  }

  static GraphException conflict(String name, TableType had, TableType wanted, SourceSpan span) {
    return GqCompiler.error(
        ErrorCode.RULE_VIOLATION,
        "variable '$" + name + "' is bound to type '" + had.name() + "' and cannot also be '" + wanted.name() + "'",
        span);
  }
}
