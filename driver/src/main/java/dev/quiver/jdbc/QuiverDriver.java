package dev.quiver.jdbc;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.GraphStore;
import dev.quiver.engine.OpenOptions;
import dev.quiver.engine.Session;
import dev.quiver.engine.SessionOptions;
import dev.quiver.jdbc.config.ConnectionProperty;
import dev.quiver.jdbc.config.ConnectionUrl;
import dev.quiver.jdbc.errors.SqlStates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The driver for {@code jdbc:quiver:<location>[?key=value&…]} URLs (SPEC §2). Registered through {@code
 * META-INF/services/java.sql.Driver} and, for tools that {@code Class.forName} it, with {@link
 * DriverManager#registerDriver} in the static initializer.
 */
public final class QuiverDriver implements Driver {
  private static final Logger LOG = Logger.getLogger("dev.quiver.jdbc");

  static {
    // First, before any Arrow class can initialise (jdbc-ecosystem notes §2); never throws.
    ArrowAccess.open();
    try {
      DriverManager.registerDriver(new QuiverDriver());
    } catch (SQLException | RuntimeException e) { // registration is a convenience; ServiceLoader still finds us
      LOG.log(Level.WARNING, "could not register the Quiver driver with DriverManager", e);
    }
  }

  /** Public for {@link java.util.ServiceLoader}. */
  public QuiverDriver() {}

  /** Returns null for a URL that is not {@code jdbc:quiver:}, as {@link DriverManager} expects. */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String arrowFailure = ArrowAccess.failureMessage();
    if (arrowFailure != null) {
      throw SqlStates.connectionFailed(arrowFailure, null);
    }
    ConnectionUrl parsed = ConnectionUrl.parse(url, info);
    OpenOptions options =
        new OpenOptions(
            parsed.location(),
            parsed.create(),
            readSchema(parsed.schemaFile()),
            parsed.readOnly(),
            parsed.storageOptions(),
            parsed.actor());
    GraphStore store = openStore(options);
    try {
      Session session = store.openSession(new SessionOptions(parsed.actor(), parsed.durability(), parsed.readOnly()));
      return new QuiverConnection(parsed, store, session);
    } catch (GraphException e) {
      closeQuietly(store, e);
      throw SqlStates.translate(e);
    } catch (RuntimeException e) {
      closeQuietly(store, e);
      throw SqlStates.connectionFailed("cannot open a session on the graph at '" + parsed.location() + "': " + e, e);
    }
  }

  private static GraphStore openStore(OpenOptions options) throws SQLException {
    try {
      return GraphStore.open(options);
    } catch (GraphException e) {
      if (e.code() == ErrorCode.GRAPH_NOT_FOUND) {
        throw SqlStates.create(
            "no graph exists at '" + options.location() + "'; connect with create=true to create an empty graph there",
            SqlStates.CONNECTION_FAILED,
            e);
      }
      throw SqlStates.translate(e);
    } catch (RuntimeException e) {
      throw SqlStates.connectionFailed("cannot open the graph at '" + options.location() + "': " + e, e);
    }
  }

  private static String readSchema(Path file) throws SQLException {
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw SqlStates.connectionFailed("cannot read schema file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(GraphStore store, Throwable primary) {
    try {
      store.close();
    } catch (RuntimeException e) {
      primary.addSuppressed(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionUrl.accepts(url);
  }

  /** Every property with its description, default and choices; values already set in the URL or info shown. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    ConnectionUrl parsed = null;
    try {
      parsed = acceptsURL(url) ? ConnectionUrl.parse(url, info) : null;
    } catch (SQLException e) {
      // a tool asks before the URL is complete: show the defaults
    }
    ConnectionUrl known = parsed;
    return Arrays.stream(ConnectionProperty.values())
        .map(p -> p.toPropertyInfo(known == null ? null : known.values().get(p)))
        .toArray(DriverPropertyInfo[]::new);
  }

  @Override
  public int getMajorVersion() {
    return DriverVersion.major();
  }

  @Override
  public int getMinorVersion() {
    return DriverVersion.minor();
  }

  /** False: the driver does not (yet) pass a JDBC compliance suite, and SQL is read-only. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return LOG;
  }
}
