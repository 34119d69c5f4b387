package dev.quiver.jdbc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.Durability;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

  @Test
  void relativeLocationResolvesAgainstTheWorkingDirectory() throws SQLException {
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quiver:./graphs/../demo", null);
    assertEquals(Path.of("demo").toAbsolutePath().toString(), url.location());
    assertTrue(url.isLocal());
  }

  @Test
  void fileUriBecomesAnAbsolutePath() throws SQLException {
    assertEquals("/tmp/g", ConnectionUrl.parse("jdbc:quiver:file:///tmp/g", null).location());
    assertEquals("/tmp/g", ConnectionUrl.parse("jdbc:quiver:file:/tmp/g", null).location());
    assertEquals(Path.of("g").toAbsolutePath().toString(), ConnectionUrl.parse("jdbc:quiver:file:g", null).location());
  }

  @Test
  void otherSchemesPassThroughWithStorageOptions() throws SQLException {
    ConnectionUrl url =
        ConnectionUrl.parse("jdbc:quiver:s3://bucket/graph?storage.region=eu-west-1&storage.endpoint=http%3A%2F%2Fminio", null);
    assertEquals("s3://bucket/graph", url.location());
    assertFalse(url.isLocal());
    assertEquals(Map.of("region", "eu-west-1", "endpoint", "http://minio"), url.storageOptions());
  }

  @Test
  void defaultsApplyWhenNothingIsSet() throws SQLException {
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quiver:/tmp/g", new Properties());
    assertFalse(url.create());
    assertFalse(url.readOnly());
    assertEquals(Durability.FSYNC, url.durability());
    assertEquals(System.getProperty("user.name"), url.actor());
    assertEquals(null, url.schemaFile());
  }

  @Test
  void urlWinsOverPropertiesOnAClash() throws SQLException {
    Properties info = new Properties();
    info.setProperty("durability", "fsync");
    info.setProperty("actor", "props");
    info.setProperty("create", "true");
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quiver:/tmp/g?durability=process&actor=url", info);
    assertEquals(Durability.PROCESS, url.durability());
    assertEquals("url", url.actor());
    assertTrue(url.create());
  }

  @Test
  void propertiesObjectIsNotChanged() throws SQLException {
    Properties info = new Properties();
    info.setProperty("create", "true");
    ConnectionUrl.parse("jdbc:quiver:/tmp/g?readOnly=true", info);
    assertEquals(1, info.size());
  }

  @Test
  void unknownKeyFailsWith08001NamingTheKnownKeys() {
    SQLException error = assertThrows(SQLException.class, () -> ConnectionUrl.parse("jdbc:quiver:/tmp/g?craete=true", null));
    assertEquals("08001", error.getSQLState());
    assertTrue(error.getMessage().contains("'craete'"), error.getMessage());
    for (ConnectionProperty property : ConnectionProperty.values()) {
      assertTrue(error.getMessage().contains(property.key()), error.getMessage());
    }
  }

  @Test
  void unknownKeyInPropertiesFailsToo() {
    Properties info = new Properties();
    info.setProperty("timeout", "3");
    SQLException error = assertThrows(SQLException.class, () -> ConnectionUrl.parse("jdbc:quiver:/tmp/g", info));
    assertEquals("08001", error.getSQLState());
  }

  @Test
  void userAndPasswordFromToolsAreAcceptedAndIgnored() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "sa");
    info.setProperty("password", "");
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quiver:/tmp/g", info);
    assertTrue(url.values().isEmpty());
  }

  @Test
  void badValuesFailWith08001() {
    for (String url :
        new String[] {
          "jdbc:quiver:/tmp/g?create=yes", "jdbc:quiver:/tmp/g?durability=never", "jdbc:quiver:/tmp/g?create",
          "jdbc:quiver:", "jdbc:quiver:?create=true", "jdbc:quiver:/tmp/g?actor=%zz"
        }) {
      SQLException error = assertThrows(SQLException.class, () -> ConnectionUrl.parse(url, null), url);
      assertEquals("08001", error.getSQLState(), url);
    }
  }

  @Test
  void choicesAreCaseInsensitiveAndPercentDecodingKeepsPlus() throws SQLException {
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quiver:/tmp/g?create=TRUE&durability=Process&actor=a+b%20c%C3%A9", null);
    assertTrue(url.create());
    assertEquals(Durability.PROCESS, url.durability());
    assertEquals("a+b cé", url.actor());
  }

  @Test
  void schemaFileResolvesAgainstTheWorkingDirectory() throws SQLException {
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quiver:/tmp/g?schema=demo.pg", null);
    assertEquals(Path.of("demo.pg").toAbsolutePath(), url.schemaFile());
  }

  @Test
  void acceptsOnlyOurPrefix() {
    assertTrue(ConnectionUrl.accepts("jdbc:quiver:/x"));
    assertFalse(ConnectionUrl.accepts("jdbc:postgresql://h/db"));
    assertFalse(ConnectionUrl.accepts(null));
  }
}
