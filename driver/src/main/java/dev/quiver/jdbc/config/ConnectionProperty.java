package dev.quiver.jdbc.config;

import static java.util.Objects.requireNonNull;

import java.sql.DriverPropertyInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every connection property the driver knows (SPEC §2), with its default, a description and, where the value
 * is one of a few words, the choices. {@code Driver.getPropertyInfo} reports them so that GUI tools can show a
 * property sheet; this enum is the single list both that and the parser use (pgjdbc's {@code PGProperty}).
 * Property keys are case-sensitive, as in pgjdbc.
 */
public enum ConnectionProperty {
  CREATE("create", "false", "Create an empty graph when none exists at the location", List.of("true", "false")),
  SCHEMA("schema", null, "Path of a .pg schema file applied when the graph is created", List.of()),
  READ_ONLY(
      "readOnly", "false", "Open read-only: no recovery sweep and no write of any kind", List.of("true", "false")),
  ACTOR("actor", null, "Recorded on every commit this connection makes; defaults to the OS user name", List.of()),
  DURABILITY(
      "durability",
      "fsync",
      "What commit() waits for. fsync: every file of the commit is on stable storage (survives power loss);"
          + " process: survives a process crash but not power loss (faster)",
      List.of("fsync", "process"));

  /** Keys prefixed with this are passed to Lance as storage options, without the prefix. */
  public static final String STORAGE_PREFIX = "storage.";

  /**
   * Keys every JDBC tool sends (from its user/password fields). An embedded graph has no authentication, so
   * they are accepted and ignored rather than rejected as unknown.
   */
  public static final List<String> IGNORED_KEYS = List.of("user", "password");

  private final String key;
  private final String defaultValue;
  private final String description;
  private final List<String> choices;

  ConnectionProperty(String key, String defaultValue, String description, List<String> choices) {
    this.key = requireNonNull(key, "key is null");
    this.defaultValue = defaultValue;
    this.description = requireNonNull(description, "description is null");
    this.choices = List.copyOf(choices);
  }

  public String key() {
    return key;
  }

  /** The default as a string, or null when the default is computed ({@code actor}) or absent ({@code schema}). */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The allowed values, or an empty list when any value is allowed. */
  public List<String> choices() {
    return choices;
  }

  public static Optional<ConnectionProperty> forKey(String key) {
    for (ConnectionProperty property : values()) {
      if (property.key.equals(key)) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }

  /** The known keys, for error messages: {@code create, schema, …, storage.<key>}. */
  public static String knownKeys() {
    return java.util.Arrays.stream(values()).map(ConnectionProperty::key).collect(Collectors.joining(", "))
        + ", "
        + STORAGE_PREFIX
        + "<key>";
  }

  /** This property as a tool sees it; {@code value} is the value in effect, or null to show the default. */
  public DriverPropertyInfo toPropertyInfo(String value) {
    DriverPropertyInfo info = new DriverPropertyInfo(key, value != null ? value : defaultValue);
    info.description = description;
    info.required = false;
    info.choices = choices.isEmpty() ? null : choices.toArray(new String[0]);
    return info;
  }
}
