package dev.quiver.jdbc.config;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.Durability;
import dev.quiver.jdbc.errors.SqlStates;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:quiver:<location>[?key=value[&key=value]…]} URL merged with the connection's {@link
 * Properties} (SPEC §2). The URL wins on a clash; an unknown key is an {@code 08001} error naming the known
 * ones. A local location (a path or a {@code file:} URI) is resolved to an absolute path against the working
 * directory, so every connection to one directory names it the same way; any other URI scheme is passed to
 * Lance untouched together with the {@code storage.<key>} options.
 *
 * @param location the resolved location handed to the engine
 * @param values the known properties that were set, by property
 * @param storageOptions {@code storage.<key>} properties, without the prefix, in the order given
 */
public record ConnectionUrl(String location, Map<ConnectionProperty, String> values, Map<String, String> storageOptions) {
  public static final String PREFIX = "jdbc:quiver:";

  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  public ConnectionUrl {
    requireNonNull(location, "location is null");
    values = Collections.unmodifiableMap(new EnumMap<>(requireNonNull(values, "values is null")));
    storageOptions = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(storageOptions, "storageOptions is null")));
  }

  /** Whether the URL is one of ours (it may still be malformed). */
  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Parses a URL and merges the properties. {@code info} is only read, never changed (duckdb#5593: pools reuse
   * the object).
   */
  public static ConnectionUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw SqlStates.connectionFailed("URL '" + url + "' does not start with '" + PREFIX + "'", null);
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    String rawLocation = query < 0 ? rest : rest.substring(0, query);
    if (rawLocation.isBlank()) {
      throw SqlStates.connectionFailed(
          "URL '" + url + "' names no location; expected " + PREFIX + "<directory or URI>[?key=value&…]", null);
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        merged.put(key, info.getProperty(key));
      }
    }
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw SqlStates.connectionFailed("URL parameter '" + pair + "' is not of the form key=value", null);
        }
        merged.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    Map<ConnectionProperty, String> values = new EnumMap<>(ConnectionProperty.class);
    Map<String, String> storage = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : merged.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(ConnectionProperty.STORAGE_PREFIX) && key.length() > ConnectionProperty.STORAGE_PREFIX.length()) {
        storage.put(key.substring(ConnectionProperty.STORAGE_PREFIX.length()), entry.getValue());
      } else if (!ConnectionProperty.IGNORED_KEYS.contains(key)) {
        ConnectionProperty property =
            ConnectionProperty.forKey(key)
                .orElseThrow(
                    () ->
                        SqlStates.connectionFailed(
                            "unknown connection property '" + key + "'; known properties: " + ConnectionProperty.knownKeys(),
                            null));
        values.put(property, validate(property, entry.getValue()));
      }
    }
    return new ConnectionUrl(resolveLocation(rawLocation), values, storage);
  }

  /** Whether the location is a local directory (a path or {@code file:} URI) rather than an object store. */
  public boolean isLocal() {
    return !URI_SCHEME.matcher(location).matches();
  }

  public boolean create() {
    return Boolean.parseBoolean(valueOf(ConnectionProperty.CREATE));
  }

  public boolean readOnly() {
    return Boolean.parseBoolean(valueOf(ConnectionProperty.READ_ONLY));
  }

  /** The schema file, resolved against the working directory, or null. */
  public Path schemaFile() throws SQLException {
    String value = values.get(ConnectionProperty.SCHEMA);
    if (value == null) {
      return null;
    }
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw SqlStates.connectionFailed("schema file path '" + value + "' is not a valid path", e);
    }
  }

  public String actor() {
    String actor = values.get(ConnectionProperty.ACTOR);
    return actor != null ? actor : System.getProperty("user.name", "unknown");
  }

  public Durability durability() {
    return Durability.valueOf(valueOf(ConnectionProperty.DURABILITY).toUpperCase(Locale.ROOT));
  }

  /** The value in effect: the one set, or the default. */
  public String valueOf(ConnectionProperty property) {
    String value = values.get(property);
    return value != null ? value : property.defaultValue();
  }

  private static String validate(ConnectionProperty property, String value) throws SQLException {
    if (property.choices().isEmpty()) {
      if (value.isBlank()) {
        throw SqlStates.connectionFailed("connection property '" + property.key() + "' must not be empty", null);
      }
      return value;
    }
    for (String choice : property.choices()) {
      if (choice.equalsIgnoreCase(value.trim())) {
        return choice;
      }
    }
    throw SqlStates.connectionFailed(
        "connection property '"
            + property.key()
            + "' has value '"
            + value
            + "'; expected one of "
            + String.join(", ", property.choices()),
        null);
  }

  private static String resolveLocation(String location) throws SQLException {
    try {
      if (location.regionMatches(true, 0, "file:", 0, 5)) {
        String path = location.substring(5);
        if (path.startsWith("/")) {
          return Path.of(URI.create("file:" + path)).toAbsolutePath().normalize().toString();
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
      }
      if (URI_SCHEME.matcher(location).matches()) {
        return location;
      }
      return Path.of(location).toAbsolutePath().normalize().toString();
    } catch (IllegalArgumentException e) {
      throw SqlStates.connectionFailed("location '" + location + "' is neither a valid path nor a valid URI", e);
    }
  }

  /** Percent-decoding only: a {@code +} stays a plus, since paths and URIs use it literally. */
  private static String decode(String text) throws SQLException {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw SqlStates.connectionFailed("URL parameter '" + text + "' has a malformed %-escape", null);
        }
        try {
          bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw SqlStates.connectionFailed("URL parameter '" + text + "' has a malformed %-escape", e);
        }
        i += 2;
      } else {
        int next = text.indexOf('%', i);
        int end = next < 0 ? text.length() : next;
        byte[] encoded = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i = end - 1;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
