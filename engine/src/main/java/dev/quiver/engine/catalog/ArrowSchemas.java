package dev.quiver.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The physical layout of a type: system columns ({@code id}, and {@code src}, {@code dst} for edges), then properties. */
public final class ArrowSchemas {
  private ArrowSchemas() {}

  public static Schema schemaOf(TableType type) {
    List<Field> fields = new ArrayList<>();
    for (String column : type.systemColumns()) {
      fields.add(Field.notNullable(column, new ArrowType.Utf8()));
    }
    for (Property property : type.properties()) {
      fields.add(fieldOf(property));
    }
    return new Schema(fields);
  }

  public static Field fieldOf(Property property) {
    PropertyType type = property.type();
    boolean nullable = property.nullable();
    if (type instanceof PropertyType.Scalar scalar) {
      return new Field(property.name(), new FieldType(nullable, arrowType(scalar.kind()), null), null);
    }
    if (type instanceof PropertyType.EnumOf) {
      return new Field(property.name(), new FieldType(nullable, new ArrowType.Utf8(), null), null);
    }
    if (type instanceof PropertyType.ListOf list) {
      return new Field(
          property.name(),
          new FieldType(nullable, new ArrowType.List(), null),
          List.of(Field.nullable("item", arrowType(list.element()))));
    }
    PropertyType.Vector vector = (PropertyType.Vector) type;
    return new Field(
        property.name(),
        new FieldType(nullable, new ArrowType.FixedSizeList(vector.dimension()), null),
        List.of(Field.nullable("item", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
  }

  /** The Arrow type of a base type. DateTime is a millisecond timestamp without a zone (UTC by convention). */
  public static ArrowType arrowType(ScalarKind kind) {
    return switch (kind) {
      case STRING -> new ArrowType.Utf8();
      case BOOL -> new ArrowType.Bool();
      case I32 -> new ArrowType.Int(32, true);
      case I64 -> new ArrowType.Int(64, true);
      case U32 -> new ArrowType.Int(32, false);
      case U64 -> new ArrowType.Int(64, false);
      case F32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case F64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case DATETIME -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
      case BLOB -> new ArrowType.LargeBinary();
    };
  }
}
