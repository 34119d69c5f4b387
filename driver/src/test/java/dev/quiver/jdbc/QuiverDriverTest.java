package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuiverDriverTest {
  @TempDir Path dir;

  @Test
  void driverManagerFindsTheDriverForQuiverUrls() throws SQLException {
    assertInstanceOf(QuiverDriver.class, DriverManager.getDriver("jdbc:quiver:" + dir));
  }

  @Test
  void serviceLoaderListsTheDriver() {
    List<Class<?>> drivers =
        ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::type).collect(Collectors.toList());
    assertTrue(drivers.contains(QuiverDriver.class), drivers.toString());
  }

  @Test
  void foreignUrlsAreNotOurs() throws SQLException {
    QuiverDriver driver = new QuiverDriver();
    assertFalse(driver.acceptsURL("jdbc:postgresql://localhost/db"));
    assertNull(driver.connect("jdbc:postgresql://localhost/db", new Properties()));
    assertTrue(driver.acceptsURL("jdbc:quiver:./demo"));
  }

  @Test
  void propertyInfoDescribesEveryProperty() {
    DriverPropertyInfo[] info = new QuiverDriver().getPropertyInfo("jdbc:quiver:" + dir + "?durability=process", new Properties());
    assertEquals(
        List.of("create", "schema", "readOnly", "actor", "durability"),
        Arrays.stream(info).map(p -> p.name).collect(Collectors.toList()));
    for (DriverPropertyInfo property : info) {
      assertNotNull(property.description, property.name);
      assertFalse(property.required, property.name);
    }
    assertEquals("false", info[0].value);
    assertEquals(List.of("fsync", "process"), Arrays.asList(info[4].choices));
    assertEquals("process", info[4].value, "a value set in the URL is shown");
  }

  @Test
  void propertyInfoWorksForAnIncompleteUrl() {
    assertEquals(5, new QuiverDriver().getPropertyInfo("jdbc:quiver:", null).length);
  }

  @Test
  void unknownPropertyFailsWith08001ListingTheKnownOnes() {
    SQLException error =
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:quiver:" + dir + "?creat=true"));
    assertInstanceOf(SQLNonTransientConnectionException.class, error);
    assertEquals("08001", error.getSQLState());
    assertTrue(error.getMessage().contains("'creat'"), error.getMessage());
    assertTrue(error.getMessage().contains("create, schema, readOnly, actor, durability"), error.getMessage());
  }

  @Test
  void unreadableSchemaFileFailsWith08001() {
    SQLException error =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:quiver:" + dir.resolve("g") + "?create=true&schema=" + dir.resolve("missing.pg")));
    assertEquals("08001", error.getSQLState());
    assertTrue(error.getMessage().contains("missing.pg"), error.getMessage());
  }

  @Test
  void versionsComeFromTheBuild() {
    QuiverDriver driver = new QuiverDriver();
    assertEquals(0, driver.getMajorVersion());
    assertEquals(1, driver.getMinorVersion());
    assertTrue(DriverVersion.version().startsWith("0.1."), DriverVersion.version());
    assertFalse(driver.jdbcCompliant());
  }
  @Test
  void missingGraphWithoutCreateFailsWith08001SuggestingCreate() {
    SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:quiver:" + dir.resolve("nothing")));
    assertInstanceOf(SQLNonTransientConnectionException.class, error);
    assertEquals("08001", error.getSQLState());
    assertTrue(error.getMessage().contains("no graph exists"), error.getMessage());
    assertTrue(error.getMessage().contains("create=true"), error.getMessage());
  }

  @Test
  void createMakesAnEmptyGraphThatLaterConnectionsOpen() throws SQLException {
    String location = "jdbc:quiver:" + dir.resolve("g");
    try (Connection created = DriverManager.getConnection(location + "?create=true")) {
      assertFalse(created.isClosed());
      try (ResultSet tables = created.getMetaData().getTables(null, "GRAPH", null, null)) {
        assertFalse(tables.next());
      }
    }
    Properties info = new Properties();
    info.setProperty("actor", "tester");
    info.setProperty("user", "sa");
    try (Connection reopened = DriverManager.getConnection(location, info)) {
      assertEquals("tester", reopened.getMetaData().getUserName());
    }
  }

  @Test
  void createWithSchemaFileAppliesIt() throws Exception {
    try (Connection connection = DriverManager.getConnection(TestGraphUrls.demo(dir))) {
      try (ResultSet tables = connection.getMetaData().getTables(null, "GRAPH", "Person", null)) {
        assertTrue(tables.next());
      }
    }
  }
}
