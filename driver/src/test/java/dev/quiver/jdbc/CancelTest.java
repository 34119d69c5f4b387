package dev.quiver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.engine.failpoint.FailPoint;
import dev.quiver.engine.failpoint.FailPoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code Statement.cancel()} and {@code setQueryTimeout} through JDBC: SQLState 57014, nothing changed. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CancelTest {
  private static final String TWO_TABLES =
      "insert Person { name: \"Eve\" }\ninsert Knows { from: \"Eve\", to: \"Eve\" }";

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection(TestGraphUrls.demo(dir));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void cancelFromAnotherThreadFailsTheStatementWith57014() throws Exception {
    CountDownLatch parked = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    try (Statement statement = connection.createStatement();
        var armed =
            FailPoints.arm(
                FailPoint.COMMIT_BEFORE_GATE,
                point -> {
                  parked.countDown();
                  try {
                    released.await(1, TimeUnit.MINUTES);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })) {
      CompletableFuture<Integer> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return statement.executeUpdate(TWO_TABLES);
                } catch (SQLException e) {
                  throw new CompletionException(e);
                }
              });
      assertTrue(parked.await(1, TimeUnit.MINUTES));
      statement.cancel();
      released.countDown();
      SQLException failure = (SQLException) assertThrows(CompletionException.class, running::join).getCause();
      assertEquals("57014", failure.getSQLState());
    }
    assertNoEve();
  }

  @Test
  void aQueryTimeoutFailsTheStatementWith57014() throws Exception {
    try (Statement statement = connection.createStatement();
        var armed =
            FailPoints.arm(FailPoint.COMMIT_BEFORE_GATE, point -> LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)))) {
      statement.setQueryTimeout(1);
      SQLException failure = assertThrows(SQLException.class, () -> statement.executeUpdate(TWO_TABLES));
      assertEquals("57014", failure.getSQLState());
      assertInstanceOf(SQLTimeoutException.class, failure);
    }
    assertNoEve();
  }

  private void assertNoEve() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM Person WHERE name = 'Eve'")) {
      assertTrue(rows.next());
      assertEquals(0, rows.getLong(1));
      assertFalse(rows.next());
    }
  }
}
