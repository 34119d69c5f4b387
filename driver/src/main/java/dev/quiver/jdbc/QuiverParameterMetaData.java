package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.jdbc.errors.SqlStates;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The parameters of a prepared text, by index: the count and, through {@link #getParameterName}, how each is
 * written ({@code $name} or {@code ?}). Types are not known before execution (the property a parameter lands
 * in decides), so every parameter reports {@code OTHER}/{@code java.lang.Object}, nullable unknown.
 */
public final class QuiverParameterMetaData implements ParameterMetaData {
  private final List<String> names;

  QuiverParameterMetaData(List<String> names) {
    this.names = List.copyOf(requireNonNull(names, "names is null"));
  }

  private void check(int param) throws SQLException {
    if (param < 1 || param > names.size()) {
      throw SqlStates.create(
          "parameter index " + param + " is out of range 1.." + names.size(), SqlStates.INVALID_PARAMETER, null);
    }
  }

  /** How parameter {@code param} is written in the text: {@code $name} or {@code ?}. */
  public String getParameterName(int param) throws SQLException {
    check(param);
    return names.get(param - 1);
  }

  @Override
  public int getParameterCount() {
    return names.size();
  }

  @Override
  public int isNullable(int param) throws SQLException {
    check(param);
    return parameterNullableUnknown;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    check(param);
    return false;
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    check(param);
    return 0;
  }

  @Override
  public int getScale(int param) throws SQLException {
    check(param);
    return 0;
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    check(param);
    return Types.OTHER;
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    check(param);
    return "OTHER";
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    check(param);
    return Object.class.getName();
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    check(param);
    return parameterModeIn;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return SqlStates.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
