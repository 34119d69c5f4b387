package dev.quiver.jdbc;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.BatchException;
import dev.quiver.engine.GraphException;
import dev.quiver.engine.Session;
import dev.quiver.engine.UpdateResult;
import dev.quiver.jdbc.errors.SqlStates;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
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

  /**
   * Runs {@code commands} on {@code session} through {@link Session#executeBatch} (the engine owns the batch's
   * atomicity, retry and cancellation); the caller holds the session's lock.
   */
  static Outcome run(Session session, List<Command> commands, long timeoutMillis) throws SQLException {
    List<String> texts = new ArrayList<>();
    List<List<Object>> parameters = new ArrayList<>();
    for (Command command : commands) {
      texts.add(command.text());
      parameters.add(command.parameters());
    }
    try {
      List<UpdateResult> results = session.executeBatch(texts, parameters, timeoutMillis);
      long[] counts = new long[results.size()];
      long nodes = 0;
      long edges = 0;
      long version = -1;
      for (int i = 0; i < results.size(); i++) {
        UpdateResult result = results.get(i);
        counts[i] = result.total();
        nodes += result.affectedNodes();
        edges += result.affectedEdges();
        version = result.graphVersion();
      }
      return new Outcome(counts, nodes, edges, version);
    } catch (BatchException e) {
      SQLException cause = SqlStates.translate(e);
      long[] counts = e.completedCounts().stream().mapToLong(Long::longValue).toArray();
      throw new BatchUpdateException(cause.getMessage(), cause.getSQLState(), 0, counts, cause);
    } catch (GraphException e) {
      SQLException cause = SqlStates.translate(e);
      throw new BatchUpdateException(cause.getMessage(), cause.getSQLState(), 0, new long[0], cause);
    }
  }

  static int[] toInts(long[] counts) {
    int[] ints = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      ints[i] = QuiverStatement.clamp(counts[i]);
    }
    return ints;
  }
}
