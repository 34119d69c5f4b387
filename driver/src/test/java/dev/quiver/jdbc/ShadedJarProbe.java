package dev.quiver.jdbc;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Main class of {@link ShadedJarIT}'s child JVM, which has only the test classes on its class path. Loads the
 * shaded jar the way DBeaver, Tomcat or Spring Boot load a driver: in its own {@link URLClassLoader} whose
 * parent is the platform loader, found through {@link ServiceLoader}. References no Quiver or Arrow class.
 *
 * <p>Arguments: the jar, the graph directory, the schema file. Prints {@code driver=…} per driver found, then
 * {@code table=<type> <schema>.<name>} per table, then {@code done}.
 */
public final class ShadedJarProbe {
  private ShadedJarProbe() {}

  public static void main(String[] args) throws Exception {
    URL jar = Path.of(args[0]).toUri().toURL();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      List<Driver> drivers = new ArrayList<>();
      for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
        if (driver.getClass().getClassLoader() == loader) {
          drivers.add(driver);
          System.out.println("driver=" + driver.getClass().getName());
        }
      }
      String url = "jdbc:quiver:" + args[1] + "?create=true&schema=" + args[2];
      try (Connection connection = drivers.get(0).connect(url, new Properties())) {
        DatabaseMetaData metaData = connection.getMetaData();
        System.out.println("product=" + metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion());
        try (ResultSet tables = metaData.getTables(null, null, "%", null)) {
          while (tables.next()) {
            System.out.println(
                "table=" + tables.getString("TABLE_TYPE") + " " + tables.getString("TABLE_SCHEM") + "." + tables.getString("TABLE_NAME"));
          }
        }
      }
      System.out.println("done");
    }
  }
}
