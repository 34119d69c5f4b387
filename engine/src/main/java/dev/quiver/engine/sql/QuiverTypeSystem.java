package dev.quiver.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system as Quiver needs it: DECIMAL up to 38 digits (U64 is DECIMAL(20,0), past Calcite's
 * default of 19), SUM of an integer column as BIGINT (as PostgreSQL does, so sums of I32 do not wrap), AVG of an integer
 * column as DOUBLE (Calcite's default truncates it to an integer), and
 * CASE branches of different string lengths as VARCHAR rather than space-padded CHAR.
 */
final class QuiverTypeSystem extends RelDataTypeSystemImpl {
  static final QuiverTypeSystem INSTANCE = new QuiverTypeSystem();

  private QuiverTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return 38;
    }
    return super.getMaxPrecision(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    SqlTypeName name = argumentType.getSqlTypeName();
    if (name == SqlTypeName.TINYINT || name == SqlTypeName.SMALLINT || name == SqlTypeName.INTEGER) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
    }
    return super.deriveSumType(typeFactory, argumentType);
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
