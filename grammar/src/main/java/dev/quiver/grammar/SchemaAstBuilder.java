package dev.quiver.grammar;

import dev.quiver.grammar.antlr.SchemaParser.AnnotationArgContext;
import dev.quiver.grammar.antlr.SchemaParser.AnnotationContext;
import dev.quiver.grammar.antlr.SchemaParser.BaseTypeContext;
import dev.quiver.grammar.antlr.SchemaParser.BodyConstraintContext;
import dev.quiver.grammar.antlr.SchemaParser.CardinalityContext;
import dev.quiver.grammar.antlr.SchemaParser.ConstraintArgContext;
import dev.quiver.grammar.antlr.SchemaParser.CoreTypeContext;
import dev.quiver.grammar.antlr.SchemaParser.DeclarationContext;
import dev.quiver.grammar.antlr.SchemaParser.EdgeDeclContext;
import dev.quiver.grammar.antlr.SchemaParser.EnumAtomContext;
import dev.quiver.grammar.antlr.SchemaParser.EnumTypeContext;
import dev.quiver.grammar.antlr.SchemaParser.EnumValueContext;
import dev.quiver.grammar.antlr.SchemaParser.FreeAnnotationContext;
import dev.quiver.grammar.antlr.SchemaParser.IdentArgContext;
import dev.quiver.grammar.antlr.SchemaParser.InterfaceDeclContext;
import dev.quiver.grammar.antlr.SchemaParser.KeywordArgContext;
import dev.quiver.grammar.antlr.SchemaParser.ListTypeContext;
import dev.quiver.grammar.antlr.SchemaParser.LiteralArgContext;
import dev.quiver.grammar.antlr.SchemaParser.LiteralContext;
import dev.quiver.grammar.antlr.SchemaParser.MemberContext;
import dev.quiver.grammar.antlr.SchemaParser.NodeDeclContext;
import dev.quiver.grammar.antlr.SchemaParser.NumberContext;
import dev.quiver.grammar.antlr.SchemaParser.PropertyConstraintContext;
import dev.quiver.grammar.antlr.SchemaParser.PropertyDeclContext;
import dev.quiver.grammar.antlr.SchemaParser.RangeBoundContext;
import dev.quiver.grammar.antlr.SchemaParser.SchemaFileContext;
import dev.quiver.grammar.antlr.SchemaParser.TypeNameContext;
import dev.quiver.grammar.antlr.SchemaParser.TypeRefContext;
import dev.quiver.grammar.antlr.SchemaParser.VectorTypeContext;
import dev.quiver.grammar.antlr.SchemaLexer;
import dev.quiver.grammar.schema.AnnotationArgument;
import dev.quiver.grammar.schema.AnnotationDecl;
import dev.quiver.grammar.schema.BodyConstraint;
import dev.quiver.grammar.schema.CardinalityDecl;
import dev.quiver.grammar.schema.ConstraintKind;
import dev.quiver.grammar.schema.EdgeDecl;
import dev.quiver.grammar.schema.InterfaceDecl;
import dev.quiver.grammar.schema.NameRef;
import dev.quiver.grammar.schema.NodeDecl;
import dev.quiver.grammar.schema.PropertyConstraint;
import dev.quiver.grammar.schema.PropertyDecl;
import dev.quiver.grammar.schema.RangeBounds;
import dev.quiver.grammar.schema.SchemaDeclaration;
import dev.quiver.grammar.schema.SchemaFile;
import dev.quiver.grammar.schema.SourceSpan;
import dev.quiver.grammar.schema.TypeRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.antlr.v4.runtime.Token;

/**
 * Parse tree → AST. Also does the checks the context-free grammar leaves open, each reported as a
 * {@link SyntaxError} at the offending token: base type names, enum values without inner whitespace, string
 * escapes, number ranges and the argument shapes of body constraints.
 */
final class SchemaAstBuilder {

  SchemaFile schemaFile(SchemaFileContext ctx) {
    List<SchemaDeclaration> declarations = new ArrayList<>();
    for (DeclarationContext declaration : ctx.declaration()) {
      if (declaration.interfaceDecl() != null) {
        declarations.add(interfaceDecl(declaration.interfaceDecl()));
      } else if (declaration.nodeDecl() != null) {
        declarations.add(nodeDecl(declaration.nodeDecl()));
      } else {
        declarations.add(edgeDecl(declaration.edgeDecl()));
      }
    }
    return new SchemaFile(declarations);
  }

  private InterfaceDecl interfaceDecl(InterfaceDeclContext ctx) {
    List<PropertyDecl> properties = new ArrayList<>();
    for (PropertyDeclContext property : ctx.propertyDecl()) {
      properties.add(propertyDecl(property));
    }
    return new InterfaceDecl(ctx.typeName().getText(), properties, span(ctx.start));
  }

  private NodeDecl nodeDecl(NodeDeclContext ctx) {
    List<AnnotationDecl> annotations = typeAnnotations(ctx.annotation());
    List<NameRef> interfaces = new ArrayList<>();
    if (ctx.implementsClause() != null) {
      for (TypeNameContext name : ctx.implementsClause().typeName()) {
        interfaces.add(nameRef(name));
      }
    }
    List<PropertyDecl> properties = new ArrayList<>();
    List<BodyConstraint> constraints = new ArrayList<>();
    members(ctx.member(), properties, constraints);
    return new NodeDecl(
        ctx.typeName().getText(), annotations, interfaces, properties, constraints, span(ctx.start));
  }

  private EdgeDecl edgeDecl(EdgeDeclContext ctx) {
    List<TypeNameContext> names = ctx.typeName();
    Optional<CardinalityDecl> cardinality = Optional.ofNullable(ctx.cardinality()).map(this::cardinality);
    List<PropertyDecl> properties = new ArrayList<>();
    List<BodyConstraint> constraints = new ArrayList<>();
    members(ctx.member(), properties, constraints);
    return new EdgeDecl(
        names.get(0).getText(),
        nameRef(names.get(1)),
        nameRef(names.get(2)),
        cardinality,
        typeAnnotations(ctx.annotation()),
        properties,
        constraints,
        span(ctx.start));
  }

  private CardinalityDecl cardinality(CardinalityContext ctx) {
    long min = integer(ctx.INTEGER(0).getSymbol());
    OptionalLong max =
        ctx.INTEGER().size() > 1 ? OptionalLong.of(integer(ctx.INTEGER(1).getSymbol())) : OptionalLong.empty();
    return new CardinalityDecl(min, max, span(ctx.start));
  }

  private void members(List<MemberContext> members, List<PropertyDecl> properties, List<BodyConstraint> constraints) {
    for (MemberContext member : members) {
      if (member.propertyDecl() != null) {
        properties.add(propertyDecl(member.propertyDecl()));
      } else {
        constraints.add(bodyConstraint(member.bodyConstraint()));
      }
    }
  }

  /** On a type, a bare {@code @key}/{@code @unique}/{@code @index} is kept as an annotation for the engine to reject. */
  private List<AnnotationDecl> typeAnnotations(List<AnnotationContext> contexts) {
    List<AnnotationDecl> annotations = new ArrayList<>();
    for (AnnotationContext annotation : contexts) {
      if (annotation instanceof PropertyConstraintContext) {
        PropertyConstraintContext constraint = (PropertyConstraintContext) annotation;
        String name = constraint.propertyConstraintName().getText();
        annotations.add(new AnnotationDecl(name, List.of(), span(annotation.start)));
      } else {
        annotations.add(freeAnnotation((FreeAnnotationContext) annotation));
      }
    }
    return annotations;
  }

  private PropertyDecl propertyDecl(PropertyDeclContext ctx) {
    List<PropertyConstraint> constraints = new ArrayList<>();
    List<AnnotationDecl> annotations = new ArrayList<>();
    for (AnnotationContext annotation : ctx.annotation()) {
      if (annotation instanceof PropertyConstraintContext) {
        String name = ((PropertyConstraintContext) annotation).propertyConstraintName().getText();
        constraints.add(
            new PropertyConstraint(ConstraintKind.valueOf(name.toUpperCase(Locale.ROOT)), span(annotation.start)));
      } else {
        annotations.add(freeAnnotation((FreeAnnotationContext) annotation));
      }
    }
    return new PropertyDecl(ctx.ident().getText(), typeRef(ctx.typeRef()), constraints, annotations, span(ctx.start));
  }

  private TypeRef typeRef(TypeRefContext ctx) {
    boolean nullable = ctx.QUESTION() != null;
    CoreTypeContext core = ctx.coreType();
    SourceSpan span = span(core.start);
    if (core instanceof ListTypeContext) {
      TypeNameContext element = ((ListTypeContext) core).typeName();
      if (!TypeRef.BASE_TYPES.contains(element.getText())) {
        throw error(element.start, "list element must be a base type, got '" + element.getText() + "'");
      }
      return TypeRef.listOf(element.getText(), nullable, span);
    }
    if (core instanceof EnumTypeContext) {
      List<String> values = new ArrayList<>();
      for (EnumValueContext value : ((EnumTypeContext) core).enumValue()) {
        values.add(enumValue(value));
      }
      return TypeRef.enumOf(values, nullable, span);
    }
    if (core instanceof VectorTypeContext) {
      VectorTypeContext vector = (VectorTypeContext) core;
      if (!vector.typeName().getText().equals("Vector")) {
        throw error(
            vector.typeName().start,
            "type '" + vector.typeName().getText() + "' takes no argument (only Vector(n) does)");
      }
      return TypeRef.vector(integer(vector.INTEGER().getSymbol()), nullable, span);
    }
    String name = ((BaseTypeContext) core).typeName().getText();
    if (name.equals("Vector")) {
      throw error(core.start, "Vector requires a dimension, e.g. Vector(384)");
    }
    if (!TypeRef.BASE_TYPES.contains(name)) {
      throw error(
          core.start,
          "unknown type '" + name + "', expected one of: " + String.join(", ", TypeRef.BASE_TYPES)
              + ", Vector(n), [T], enum(…)");
    }
    return TypeRef.base(name, nullable, span);
  }

  /** Enum values are {@code [A-Za-z0-9_-]+}: several tokens that must touch each other. */
  private static String enumValue(EnumValueContext ctx) {
    StringBuilder value = new StringBuilder();
    Token previous = null;
    for (EnumAtomContext atom : ctx.enumAtom()) {
      if (previous != null && previous.getStopIndex() + 1 != atom.start.getStartIndex()) {
        throw error(atom.start, "unexpected '" + atom.getText() + "', expected one of: ',', ')'");
      }
      value.append(atom.getText());
      previous = atom.start;
    }
    return value.toString();
  }

  private BodyConstraint bodyConstraint(BodyConstraintContext ctx) {
    String name = ctx.constraintName().getText();
    ConstraintKind kind = ConstraintKind.valueOf(name.toUpperCase(Locale.ROOT));
    List<ConstraintArgContext> args = ctx.constraintArg();
    SourceSpan span = span(ctx.start);
    switch (kind) {
      case KEY:
      case UNIQUE:
      case INDEX:
        List<String> properties = new ArrayList<>();
        for (ConstraintArgContext arg : args) {
          if (arg.ident() == null) {
            throw error(arg.start, kind.spelling() + " takes property names, got '" + arg.getText() + "'");
          }
          properties.add(arg.ident().getText());
        }
        return BodyConstraint.of(kind, properties, span);
      case RANGE:
        if (args.size() != 2 || args.get(0).ident() == null || args.get(1).rangeBound() == null) {
          throw error(ctx.start, "@range requires property name and bounds, e.g. @range(age, 0..150)");
        }
        return BodyConstraint.range(args.get(0).ident().getText(), rangeBounds(args.get(1).rangeBound()), span);
      case CHECK:
        LiteralContext pattern = args.size() == 2 ? args.get(1).literal() : null;
        if (args.get(0).ident() == null || pattern == null || pattern.STRING() == null) {
          throw error(ctx.start, "@check requires property name and a regex string, e.g. @check(code, \"^[A-Z]+$\")");
        }
        return BodyConstraint.check(args.get(0).ident().getText(), string(pattern.STRING().getSymbol()), span);
    }
    throw new AssertionError(kind);
  }

  private static RangeBounds rangeBounds(RangeBoundContext ctx) {
    List<NumberContext> numbers = ctx.number();
    if (ctx.getChild(0) instanceof NumberContext) {
      Optional<BigDecimal> max = numbers.size() > 1 ? Optional.of(number(numbers.get(1))) : Optional.empty();
      return new RangeBounds(Optional.of(number(numbers.get(0))), max);
    }
    return new RangeBounds(Optional.empty(), Optional.of(number(numbers.get(0))));
  }

  private static BigDecimal number(NumberContext ctx) {
    return new BigDecimal(ctx.getText());
  }

  private AnnotationDecl freeAnnotation(FreeAnnotationContext ctx) {
    String name = ctx.annotationName().getText();
    List<AnnotationArgument> arguments = new ArrayList<>();
    boolean keywordSeen = false;
    for (AnnotationArgContext arg : ctx.annotationArg()) {
      SourceSpan span = span(arg.start);
      if (arg instanceof KeywordArgContext) {
        KeywordArgContext keyword = (KeywordArgContext) arg;
        keywordSeen = true;
        LiteralContext literal = keyword.literal();
        arguments.add(
            AnnotationArgument.named(keyword.ident().getText(), literalKind(literal), literalValue(literal), span));
        continue;
      }
      if (keywordSeen) {
        throw error(arg.start, "positional argument '" + arg.getText() + "' after keyword argument in @" + name);
      }
      if (arg instanceof LiteralArgContext) {
        LiteralContext literal = ((LiteralArgContext) arg).literal();
        arguments.add(AnnotationArgument.positional(literalKind(literal), literalValue(literal), span));
      } else {
        String ident = ((IdentArgContext) arg).ident().getText();
        arguments.add(AnnotationArgument.positional(AnnotationArgument.Kind.IDENT, ident, span));
      }
    }
    return new AnnotationDecl(name, arguments, span(ctx.start));
  }

  private static AnnotationArgument.Kind literalKind(LiteralContext ctx) {
    switch (ctx.start.getType()) {
      case SchemaLexer.STRING:
        return AnnotationArgument.Kind.STRING;
      case SchemaLexer.INTEGER:
        return AnnotationArgument.Kind.INTEGER;
      case SchemaLexer.FLOAT:
        return AnnotationArgument.Kind.FLOAT;
      default:
        return AnnotationArgument.Kind.BOOL;
    }
  }

  private static String literalValue(LiteralContext ctx) {
    return ctx.STRING() != null ? string(ctx.STRING().getSymbol()) : ctx.getText();
  }

  /** Decodes a string literal; the escapes are exactly \" \\ \n \r \t, as in the reference. */
  private static String string(Token token) {
    String text = token.getText();
    StringBuilder value = new StringBuilder(text.length());
    int line = token.getLine();
    int column = token.getCharPositionInLine() + 2; // of text.charAt(1), just after the opening quote
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        char escaped = text.charAt(i + 1);
        switch (escaped) {
          case '"':
          case '\\':
            value.append(escaped);
            break;
          case 'n':
            value.append('\n');
            break;
          case 'r':
            value.append('\r');
            break;
          case 't':
            value.append('\t');
            break;
          default:
            throw new SyntaxError("unsupported escape sequence: \\" + escaped, line, column);
        }
        i++;
        column += 2;
        continue;
      }
      value.append(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return value.toString();
  }

  private static long integer(Token token) {
    try {
      return Long.parseLong(token.getText());
    } catch (NumberFormatException e) {
      throw error(token, "integer out of range: " + token.getText());
    }
  }

  private static NameRef nameRef(TypeNameContext ctx) {
    return new NameRef(ctx.getText(), span(ctx.start));
  }

  private static SourceSpan span(Token token) {
    return new SourceSpan(token.getLine(), token.getCharPositionInLine() + 1);
  }

  private static SyntaxError error(Token token, String detail) {
    return new SyntaxError(detail, token.getLine(), token.getCharPositionInLine() + 1);
  }
}
