package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ConflictException;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.QueryResult;
import dev.quiver.engine.Result;
import dev.quiver.engine.Session;
import dev.quiver.engine.UpdateResult;
import dev.quiver.jdbc.errors.SqlStates;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a JDBC batch on a session (SPEC §5: {@code executeBatch} is one atomic commit of the whole batch). In
 * auto-commit mode the session is switched to a transaction for the batch, committed at the end and switched
 * back, so a failure anywhere applies nothing; inside an explicit transaction the batch simply joins it. A
 * failure is a {@link BatchUpdateException} with the cause's SQLState and the counts of the commands before
 * the failing one.
 */
final class Batches {
  private Batches() {}

  /** One command of a batch: a text and its parameter values. */
  record Command(String text, List<Object> parameters) {
    Command {
      requireNonNull(text, "text is null");
      requireNonNull(parameters, "parameters is null");
    }
  }

  /** What a batch did: the total count of each command, and the summed affected entities. */
  record Outcome(long[] counts, long affectedNodes, long affectedEdges, long graphVersion) {}

  /** Runs {@code commands} on {@code session}; the caller holds the session's lock. */
  static Outcome run(Session session, List<Command> commands) throws SQLException {
    long[] counts = new long[commands.size()];
    int done = 0;
    long nodes = 0;
    long edges = 0;
    boolean ownTransaction = session.autoCommit();
    try {
      if (ownTransaction) {
        session.autoCommit(false);
      }
      long version = -1;
      for (Command command : commands) {
        Result result = session.execute(command.text(), command.parameters());
        if (result instanceof QueryResult) {
          ((QueryResult) result).close();
          throw SqlStates.create(
              "batch command " + (done + 1) + " returns a result set; a batch may only change the graph",
              QuiverStatement.UNEXPECTED_RESULT_SET,
              null);
        }
        UpdateResult update = (UpdateResult) result;
        counts[done++] = update.total();
        nodes += update.affectedNodes();
        edges += update.affectedEdges();
        version = update.graphVersion();
      }
      if (ownTransaction) {
        version = session.commit();
      }
      return new Outcome(counts, nodes, edges, version);
    } catch (GraphException e) {
      throw failed(session, ownTransaction, SqlStates.translate(e), Arrays.copyOf(counts, done));
    } catch (SQLException e) {
      throw failed(session, ownTransaction, e, Arrays.copyOf(counts, done));
    } finally {
      if (ownTransaction && !session.isClosed()) {
        session.autoCommit(true); // nothing is pending any more: this commits nothing
      }
    }
  }

  private static BatchUpdateException failed(Session session, boolean ownTransaction, SQLException cause, long[] counts) {
    if (ownTransaction && !session.isClosed()) {
      session.rollback();
    }
    String prefix = ownTransaction || cause.getCause() instanceof ConflictException
        ? "batch failed and nothing of it was applied: "
        : "batch failed at command " + (counts.length + 1) + "; the commands before it stay in the transaction: ";
    return new BatchUpdateException(prefix + cause.getMessage(), cause.getSQLState(), 0, counts, cause);
  }

  static int[] toInts(long[] counts) {
    int[] ints = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      ints[i] = QuiverStatement.clamp(counts[i]);
    }
    return ints;
  }
}
