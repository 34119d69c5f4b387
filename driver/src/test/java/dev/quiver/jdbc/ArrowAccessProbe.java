package dev.quiver.jdbc;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** Main class of the child JVMs of {@link ArrowAccessTest}; prints one result line per step. */
public final class ArrowAccessProbe {
  private ArrowAccessProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("nio-open-at-start=" + Object.class.getModule().isOpen("java.nio", ArrowAccessProbe.class.getModule()));
    switch (args[0]) {
      case "arrow-only":
        allocate();
        break;
      case "driver-then-arrow":
        Class.forName("dev.quiver.jdbc.QuiverDriver");
        allocate();
        break;
      case "connect":
        try {
          DriverManager.getConnection("jdbc:quiver:" + args[1]);
          System.out.println("connected");
        } catch (SQLException e) {
          System.out.println("sqlstate=" + e.getSQLState());
          System.out.println("message=" + e.getMessage());
        }
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void allocate() {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBuf buffer = allocator.buffer(64)) {
      buffer.setLong(0, 42L);
      System.out.println("arrow=" + buffer.getLong(0));
    } catch (Throwable e) {
      System.out.println("arrow-failed=" + e);
    }
  }
}
