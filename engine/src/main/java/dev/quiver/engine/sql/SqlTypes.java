package dev.quiver.engine.sql;

import dev.quiver.engine.catalog.Property;
import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL view's type mapping (SPEC §6) and the two value conversions around Calcite: engine values (see
 * {@link dev.quiver.engine.view.ReadView}) into Calcite's internal representation (DATE as int days, TIMESTAMP
 * as long milliseconds, DECIMAL as BigDecimal, VARBINARY as ByteString, ARRAY as List), and back.
 */
final class SqlTypes {
  private SqlTypes() {}

  /** The SQL type of a property, nullable when the property is optional. */
  static RelDataType of(RelDataTypeFactory types, Property property) {
    return types.createTypeWithNullability(of(types, property.type()), property.nullable());
  }

  static RelDataType of(RelDataTypeFactory types, PropertyType type) {
    if (type instanceof PropertyType.Scalar scalar) {
      return of(types, scalar.kind());
    } else if (type instanceof PropertyType.EnumOf) {
      return types.createSqlType(SqlTypeName.VARCHAR);
    } else if (type instanceof PropertyType.ListOf list) {
      return types.createArrayType(types.createTypeWithNullability(of(types, list.element()), true), -1);
    } else if (type instanceof PropertyType.Vector) {
      return types.createArrayType(types.createTypeWithNullability(types.createSqlType(SqlTypeName.REAL), true), -1);
    }
    throw new IllegalStateException("unknown property type " + type);
  }

  static RelDataType of(RelDataTypeFactory types, ScalarKind kind) {
    return switch (kind) {
      case STRING -> types.createSqlType(SqlTypeName.VARCHAR);
      case BOOL -> types.createSqlType(SqlTypeName.BOOLEAN);
      case I32 -> types.createSqlType(SqlTypeName.INTEGER);
      case I64, U32 -> types.createSqlType(SqlTypeName.BIGINT);
      case U64 -> types.createSqlType(SqlTypeName.DECIMAL, 20, 0);
      case F32 -> types.createSqlType(SqlTypeName.REAL);
      case F64 -> types.createSqlType(SqlTypeName.DOUBLE);
      case DATE -> types.createSqlType(SqlTypeName.DATE);
      case DATETIME -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case BLOB -> types.createSqlType(SqlTypeName.VARBINARY);
    };
  }

  /** An engine value in Calcite's internal representation. */
  static Object toInternal(Object value) {
    if (value instanceof LocalDate date) {
      return Math.toIntExact(date.toEpochDay());
    } else if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    } else if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    } else if (value instanceof byte[] bytes) {
      return new ByteString(bytes);
    } else if (value instanceof float[] floats) {
      List<Object> out = new ArrayList<>(floats.length);
      for (float f : floats) {
        out.add(f);
      }
      return Collections.unmodifiableList(out);
    } else if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object element : list) {
        out.add(toInternal(element));
      }
      return Collections.unmodifiableList(out);
    }
    return value;
  }

  /** A value Calcite produced for a column of {@code type}, in the engine convention. */
  static Object toEngine(Object value, RelDataType type) {
    if (value == null) {
      return null;
    }
    switch (type.getSqlTypeName()) {
      case DATE:
        return LocalDate.ofEpochDay(((Number) value).longValue());
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return Instant.ofEpochMilli(((Number) value).longValue());
      case TIME:
        return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
      case DECIMAL:
        return value instanceof BigDecimal ? value : new BigDecimal(value.toString());
      case BINARY:
      case VARBINARY:
        return value instanceof ByteString bytes ? bytes.getBytes() : value;
      case CHAR:
      case VARCHAR:
        return value.toString();
      case ARRAY:
        RelDataType element = type.getComponentType();
        List<Object> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
          out.add(element == null ? item : toEngine(item, element));
        }
        return Collections.unmodifiableList(out);
      default:
        return value;
    }
  }

  /** The type name a result column reports: the SQL type name without precision. */
  static String typeName(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return name == SqlTypeName.CHAR ? "VARCHAR" : name.getName();
  }
}
