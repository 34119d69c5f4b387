package dev.quiver.jdbc.rows;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.PropertyType;
import dev.quiver.engine.catalog.ScalarKind;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;

/**
 * How a property type appears in SQL (SPEC §6): String→VARCHAR, Bool→BOOLEAN, I32→INTEGER, I64→BIGINT,
 * U32→BIGINT, U64→DECIMAL(20,0), F32→REAL, F64→DOUBLE, Date→DATE, DateTime→TIMESTAMP, enum→VARCHAR,
 * {@code [T]}→ARRAY, Vector(n)→ARRAY of REAL, Blob→VARBINARY. Metadata and result sets both describe columns
 * with it, so they never disagree.
 *
 * @param jdbcType the {@link Types} constant
 * @param name the SQL type name as {@code getColumns} reports it ({@code INTEGER ARRAY} for a list)
 * @param columnSize characters for text, digits for numbers, elements for a vector; {@code Integer.MAX_VALUE}
 *     when unbounded
 * @param decimalDigits digits after the point for exact numbers and fractional seconds, else null
 * @param className the Java class {@code getObject} returns
 */
public record SqlType(int jdbcType, String name, int columnSize, Integer decimalDigits, String className) {
  /** The unbounded size of VARCHAR, VARBINARY and lists. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public static final SqlType VARCHAR = new SqlType(Types.VARCHAR, "VARCHAR", UNBOUNDED, null, String.class.getName());
  public static final SqlType BOOLEAN = new SqlType(Types.BOOLEAN, "BOOLEAN", 1, null, Boolean.class.getName());
  public static final SqlType INTEGER = new SqlType(Types.INTEGER, "INTEGER", 10, 0, Integer.class.getName());
  public static final SqlType BIGINT = new SqlType(Types.BIGINT, "BIGINT", 19, 0, Long.class.getName());
  public static final SqlType DECIMAL_20 = new SqlType(Types.DECIMAL, "DECIMAL", 20, 0, BigDecimal.class.getName());
  public static final SqlType REAL = new SqlType(Types.REAL, "REAL", 7, null, Float.class.getName());
  public static final SqlType DOUBLE = new SqlType(Types.DOUBLE, "DOUBLE", 15, null, Double.class.getName());
  public static final SqlType DATE = new SqlType(Types.DATE, "DATE", 10, null, java.sql.Date.class.getName());
  /** DateTime is stored with millisecond precision: {@code yyyy-mm-dd hh:mm:ss.fff}. */
  public static final SqlType TIMESTAMP =
      new SqlType(Types.TIMESTAMP, "TIMESTAMP", 23, 3, java.sql.Timestamp.class.getName());
  public static final SqlType VARBINARY = new SqlType(Types.VARBINARY, "VARBINARY", UNBOUNDED, null, byte[].class.getName());
  public static final SqlType ARRAY = new SqlType(Types.ARRAY, "ARRAY", UNBOUNDED, null, java.sql.Array.class.getName());

  public SqlType {
    requireNonNull(name, "name is null");
    requireNonNull(className, "className is null");
  }

  /** Every distinct type {@link #of} can return, by {@code getTypeInfo} name, ordered by JDBC type code. */
  public static List<SqlType> all() {
    return List.of(BIGINT, VARBINARY, DECIMAL_20, INTEGER, REAL, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP, ARRAY);
  }

  public static SqlType of(PropertyType type) {
    if (type instanceof PropertyType.Scalar) {
      return of(((PropertyType.Scalar) type).kind());
    }
    if (type instanceof PropertyType.EnumOf) {
      int longest = ((PropertyType.EnumOf) type).values().stream().mapToInt(String::length).max().orElse(0);
      return new SqlType(Types.VARCHAR, "VARCHAR", longest, null, String.class.getName());
    }
    if (type instanceof PropertyType.ListOf) {
      SqlType element = of(((PropertyType.ListOf) type).element());
      return new SqlType(Types.ARRAY, element.name() + " ARRAY", UNBOUNDED, null, ARRAY.className());
    }
    PropertyType.Vector vector = (PropertyType.Vector) type;
    return new SqlType(Types.ARRAY, "REAL ARRAY", vector.dimension(), null, ARRAY.className());
  }

  public static SqlType of(ScalarKind kind) {
    return switch (kind) {
      case STRING -> VARCHAR;
      case BOOL -> BOOLEAN;
      case I32 -> INTEGER;
      case I64, U32 -> BIGINT;
      case U64 -> DECIMAL_20;
      case F32 -> REAL;
      case F64 -> DOUBLE;
      case DATE -> DATE;
      case DATETIME -> TIMESTAMP;
      case BLOB -> VARBINARY;
    };
  }

  /** {@code NUM_PREC_RADIX}: 10 for numbers, null otherwise. */
  public Integer radix() {
    switch (jdbcType) {
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.REAL:
      case Types.DOUBLE:
        return 10;
      default:
        return null;
    }
  }

  /** A result-set column of this type. */
  public Column column(String columnName, boolean nullable) {
    return new Column(
        columnName,
        jdbcType,
        name,
        nullable ? java.sql.ResultSetMetaData.columnNullable : java.sql.ResultSetMetaData.columnNoNulls,
        columnSize,
        decimalDigits == null ? 0 : decimalDigits,
        className);
  }
}
