package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.catalog.Catalog;
import dev.quiver.engine.catalog.SchemaChange;
import dev.quiver.engine.catalog.SchemaChanges;
import dev.quiver.engine.catalog.TableType;
import dev.quiver.engine.commit.CommitRequest;
import dev.quiver.engine.storage.ManifestState;
import dev.quiver.engine.storage.StagedWrite;
import dev.quiver.engine.load.NdjsonLoader;
import dev.quiver.engine.maintenance.Maintenance;
import dev.quiver.engine.mutation.DeclaredParameters;
import dev.quiver.engine.mutation.MutationExecutor;
import dev.quiver.engine.tx.Transaction;
import dev.quiver.engine.view.CommittedView;
import dev.quiver.engine.view.ReadView;
import dev.quiver.grammar.D2;
import dev.quiver.grammar.Dialect;
import dev.quiver.grammar.MutationParser;
import dev.quiver.grammar.SyntaxError;
import dev.quiver.grammar.ast.Cleanup;
import dev.quiver.grammar.ast.Delete;
import dev.quiver.grammar.ast.Insert;
import dev.quiver.grammar.ast.Load;
import dev.quiver.grammar.ast.LoadMode;
import dev.quiver.grammar.ast.MatchQuery;
import dev.quiver.grammar.ast.Optimize;
import dev.quiver.grammar.ast.Parameter;
import dev.quiver.grammar.ast.Script;
import dev.quiver.grammar.ast.Statement;
import dev.quiver.grammar.ast.Update;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One connection's view of a graph: its actor, its transaction and its snapshot. Not thread-safe. */
public final class Session implements AutoCloseable {
  private final GraphStore store;
  /** Bound on internal retries of an auto-commit, insert-only text that lost a commit race. */
  private static final int INSERT_RETRIES = 64;

  private final SessionOptions options;
  private final Transaction transaction;
  private boolean autoCommit = true;
  private final Cancellation cancellation = new Cancellation();
  private NdjsonLoader.Progress loadProgress = NdjsonLoader.Progress.NONE;
  private boolean readOnlyRequested;
  private boolean closed;

  Session(GraphStore store, SessionOptions options) {
    this.store = requireNonNull(store, "store is null");
    this.options = requireNonNull(options, "options is null");
    this.transaction = new Transaction(store);
  }

  public GraphStore store() {
    return store;
  }

  public SessionOptions options() {
    return options;
  }

  /** The snapshot reads see: the transaction's, once it has started, else the latest. */
  public Snapshot snapshot() {
    checkOpen();
    return transaction.started() ? transaction.snapshot() : store.snapshot();
  }

  public boolean autoCommit() {
    return autoCommit;
  }

  /** Turning auto-commit on commits a transaction in progress (as JDBC specifies). */
  public void autoCommit(boolean on) {
    checkOpen();
    if (on && !autoCommit) {
      commit();
    }
    autoCommit = on;
  }

  /**
   * Makes this session refuse writes ({@code READ_ONLY}) or accept them again. A session opened read-only, or on
   * a read-only store, stays read-only whatever this is set to.
   */
  public void readOnly(boolean on) {
    checkOpen();
    readOnlyRequested = on;
  }

  /** True when writes are refused: by the options, the store, or {@link #readOnly(boolean)}. */
  public boolean readOnly() {
    return readOnlyRequested || options.readOnly() || store.readOnly();
  }

  /**
   * Describes a text without running it or touching storage. A {@code .gq} text is parsed (a syntax error
   * fails as {@link #execute} would); an SQL text's {@code ?} markers are counted outside literals and comments.
   */
  public StatementShape describe(String text) {
    checkOpen();
    requireNonNull(text, "text is null");
    return switch (Dialect.classify(text)) {
      case SCHEMA -> new StatementShape(false, List.of());
      case GRAPH -> {
        Script script = parse(Dialect.explainedRead(text).orElse(text)); // as execute parses it
        boolean reads = script.statements().stream().anyMatch(st -> st instanceof MatchQuery);
        yield new StatementShape(reads, script.parameters().stream().map(Parameter::display).toList());
      }
      case SQL -> new StatementShape(true, java.util.Collections.nCopies(SqlText.countMarkers(text), "?"));
    };
  }

  /** True when the open transaction holds writes that {@link #commit()} would publish. */
  public boolean hasPendingWrites() {
    return transaction.hasPendingWrites();
  }

  /**
   * Executes a statement text: a {@code .pg} schema, {@code .gq} statements or SQL. Parameters bind by index
   * ({@code $name} in order of first appearance, {@code ?} left to right).
   */
  public Result execute(String text, List<Object> parameters) {
    return execute(text, parameters, 0);
  }

  /**
   * Executes a statement text that stops with {@link ErrorCode#CANCELLED} when {@link #cancel()} is called from
   * another thread, the executing thread is interrupted, or {@code timeoutMillis} (if positive) passes. A
   * cancelled statement leaves the graph as if it never ran; in a transaction, the whole transaction is rolled
   * back (its earlier statements' pending writes too), as a database aborts a transaction whose statement was
   * cancelled.
   */
  public Result execute(String text, List<Object> parameters, long timeoutMillis) {
    checkOpen();
    requireNonNull(text, "text is null");
    requireNonNull(parameters, "parameters is null");
    cancellation.begin(timeoutMillis);
    try (Cancellation.Scope scope = cancellation.enter()) {
      Result result = dispatch(text, parameters);
      if (result instanceof QueryResult query) {
        return new QueryResult(query.columns(), new CancellableCursor(query.rows(), cancellation));
      }
      return result;
    } catch (GraphException e) {
      if (e.code() == ErrorCode.CANCELLED) {
        transaction.clear();
      }
      throw e;
    }
  }

  /**
   * Runs a batch of mutation texts. In auto-commit mode the whole batch is one atomic graph commit (a batch of
   * inserts only is retried on a lost race, like a single insert text); in a transaction it joins the
   * transaction. Only {@code .gq} insert, update and delete texts may be batched: a schema, a load, maintenance
   * or a read would commit on its own or return rows, breaking the batch's atomicity, and is refused before
   * anything runs. One timeout and one cancellation cover the whole batch.
   *
   * @throws BatchException naming the failing command; nothing is applied in auto-commit mode
   */
  public List<UpdateResult> executeBatch(List<String> texts, List<List<Object>> parameters, long timeoutMillis) {
    checkOpen();
    requireNonNull(texts, "texts is null");
    requireNonNull(parameters, "parameters is null");
    if (texts.size() != parameters.size()) {
      throw new IllegalArgumentException("each batch command needs its parameter list");
    }
    boolean insertOnly = true;
    for (int i = 0; i < texts.size(); i++) {
      List<Statement> statements;
      try {
        if (Dialect.classify(texts.get(i)) != Dialect.Kind.GRAPH) {
          throw new GraphException(ErrorCode.RULE_VIOLATION, notBatchable());
        }
        statements = parse(texts.get(i)).statements();
        for (Statement statement : statements) {
          if (!(statement instanceof Insert || statement instanceof Update || statement instanceof Delete)) {
            throw new GraphException(ErrorCode.RULE_VIOLATION, notBatchable());
          }
          insertOnly &= statement instanceof Insert;
        }
      } catch (GraphException e) {
        throw new BatchException(e, i, List.of(), false);
      }
    }
    cancellation.begin(timeoutMillis);
    boolean ownTransaction = autoCommit;
    try (Cancellation.Scope scope = cancellation.enter()) {
      if (!ownTransaction) {
        return stageBatch(texts, parameters, false);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return insertAttempt(
              attempt,
              () -> {
                List<UpdateResult> results = stageBatch(texts, parameters, true);
                long version;
                try {
                  version = commitTransaction();
                } catch (ConflictException conflict) {
                  throw conflict;
                } catch (GraphException e) {
                  throw new BatchException(e, texts.size() - 1, List.of(), false);
                }
                List<UpdateResult> committed = new ArrayList<>();
                for (UpdateResult result : results) {
                  committed.add(new UpdateResult(result.counts(), result.affectedNodes(), result.affectedEdges(), version));
                }
                return committed;
              });
        } catch (ConflictException conflict) {
          if (!insertOnly || attempt >= INSERT_RETRIES) {
            throw new BatchException(conflict, texts.size() - 1, List.of(), false);
          }
        }
      }
    }
  }

  /**
   * Stages every text of a batch into the transaction.
   *
   * @param ownTransaction the batch is its own (auto-committed) transaction: a failure discards it all
   */
  private List<UpdateResult> stageBatch(List<String> texts, List<List<Object>> parameters, boolean ownTransaction) {
    List<UpdateResult> results = new ArrayList<>();
    autoCommit = false;
    try {
      for (int i = 0; i < texts.size(); i++) {
        try {
          results.add((UpdateResult) executeGraph(texts.get(i), parameters.get(i)));
        } catch (GraphException e) {
          if (ownTransaction || e.code() == ErrorCode.CANCELLED) {
            transaction.clear();
          }
          List<Long> counts = new ArrayList<>();
          results.forEach(r -> counts.add(r.total()));
          throw new BatchException(e, i, counts, !ownTransaction && e.code() != ErrorCode.CANCELLED);
        }
      }
    } finally {
      autoCommit = ownTransaction;
    }
    return results;
  }

  private static String notBatchable() {
    return "only .gq insert, update and delete texts can be batched: a batch is one atomic commit, and a schema,"
        + " a load, maintenance or a read would commit on its own or return rows";
  }

  /**
   * Asks the statement running on this session (from another thread) to stop at its next cancellation point.
   * Without a running statement it has no effect: the next statement starts afresh.
   */
  public void cancel() {
    cancellation.cancel();
  }

  private Result dispatch(String text, List<Object> parameters) {
    return switch (Dialect.classify(text)) {
      case SCHEMA -> executeSchema(text);
      case GRAPH -> executeGraph(text, parameters);
      case SQL -> {
        if (SqlText.isBlank(text)) {
          throw new GraphException(ErrorCode.SYNTAX_ERROR, "the statement text is empty", 1, 1, null);
        }
        yield executeSql(text, parameters);
      }
    };
  }

  /**
   * SQL reads see what the transaction sees: in a transaction, its pinned snapshot and its own pending writes;
   * in auto-commit mode, the latest published version.
   */
  private Result executeSql(String text, List<Object> parameters) {
    ReadView view = readView();
    return store.sql().query(text, parameters, view, store);
  }

  private Result executeSchema(String text) {
    if (transaction.hasPendingWrites()) {
      throw new GraphException(
          ErrorCode.SCHEMA_CHANGE_IN_TRANSACTION,
          "a schema cannot be applied in a transaction that holds pending writes; commit or roll back first");
    }
    long version = applySchema(text);
    transaction.clear();
    return new UpdateResult(List.of(0L), 0, 0, version);
  }

  private Result executeGraph(String text, List<Object> parameters) {
    Optional<String> explained = Dialect.explainedRead(text);
    Script script = parse(explained.orElse(text));
    DeclaredParameters.check(script, parameters);
    List<Statement> statements = script.statements();
    script.ruleViolation().ifPresent(message -> {
      throw new GraphException(ErrorCode.RULE_VIOLATION, message);
    });
    if (statements.size() == 1 && statements.get(0) instanceof Load load) {
      return executeLoad(load);
    }
    if (statements.size() == 1 && (statements.get(0) instanceof Optimize || statements.get(0) instanceof Cleanup)) {
      return executeMaintenance(statements.get(0));
    }
    if (statements.size() == 1 && statements.get(0) instanceof MatchQuery read) {
      return executeRead(text, script, read, parameters, explained.isPresent());
    }
    for (Statement statement : statements) {
      if (!(statement instanceof Insert || statement instanceof Update || statement instanceof Delete)) {
        throw new GraphException(
            ErrorCode.UNSUPPORTED,
            "'" + text.strip().split("\\s+", 2)[0] + "' statements are not supported yet",
            statement.span().line(),
            statement.span().column(),
            null);
      }
    }
    checkWritable();
    Transaction.Mode mode =
        statements.stream().anyMatch(st -> st instanceof Delete) ? Transaction.Mode.DELETES : Transaction.Mode.WRITES;
    if (transaction.mode() != Transaction.Mode.EMPTY && transaction.mode() != mode) {
      throw new GraphException(ErrorCode.RULE_VIOLATION, "this transaction already holds "
          + (transaction.mode() == Transaction.Mode.WRITES ? "inserts/updates" : "deletes") + ": " + D2.MIXED_WRITES);
    }
    boolean insertOnly = statements.stream().allMatch(st -> st instanceof Insert);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // bound once per statement text
    if (!autoCommit) {
      return stage(statements, parameters, now, mode);
    }
    if (insertOnly && store.groupCommit()) {
      return store.insertGroups().commit(
          new InsertGroups.Member(
              options.actor(),
              options.durability(),
              cancellation,
              shared -> stageInto(shared, statements, parameters, now, mode)));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Optional<Snapshot>[] published = new Optional[1];
        UpdateResult staged =
            insertAttempt(
                attempt,
                () -> {
                  UpdateResult result = stage(statements, parameters, now, mode);
                  published[0] = transaction.commit(options.actor(), options.durability());
                  return result;
                });
        published[0].ifPresent(snapshot -> store.compactIfFragmented(options.durability()));
        long version = published[0].map(Snapshot::graphVersion).orElseGet(() -> store.snapshot().graphVersion());
        return new UpdateResult(staged.counts(), staged.affectedNodes(), staged.affectedEdges(), version);
      } catch (ConflictException conflict) {
        // An insert-only text is re-validated against the new graph version and retried (bounded), so many
        // clients inserting through a pool do not see spurious conflicts; anything else surfaces the conflict.
        if (!insertOnly || attempt >= INSERT_RETRIES) {
          throw conflict;
        }
      }
    }
  }

  /**
   * What a read sees: the latest published version in auto-commit mode without pending writes, else the
   * transaction's snapshot overlaid with its own writes (SQL and {@code .gq} reads alike).
   */
  private ReadView readView() {
    return autoCommit && !transaction.hasPendingWrites() ? CommittedView.latest(store) : transaction.view();
  }

  /** A statement that is a commit of its own (load, maintenance) refuses a transaction's pending writes. */
  private void startOwnCommit(String what, Statement statement) {
    if (transaction.hasPendingWrites()) {
      throw new GraphException(
          ErrorCode.RULE_VIOLATION,
          what + "; commit or roll back the transaction's pending writes first",
          statement.span().line(),
          statement.span().column(),
          null);
    }
    transaction.clear();
  }

  /**
   * {@code load "<path>" [mode …]}: one graph commit of its own (default mode {@code append}, the strict one).
   * A relative path is resolved against the working directory of the process.
   */
  private Result executeLoad(Load load) {
    checkWritable();
    startOwnCommit("load runs as a commit of its own", load);
    return NdjsonLoader.load(
        store,
        java.nio.file.Path.of(load.path()),
        load.mode().orElse(LoadMode.APPEND),
        options.actor(),
        options.durability(),
        loadProgress);
  }

  /**
   * {@code optimize} / {@code cleanup [keep n]}: maintenance outside any transaction (docs/maintenance.md).
   * Optimize counts the tables it moved; cleanup counts the files it removed and keeps 10 graph versions by
   * default.
   */
  private Result executeMaintenance(Statement statement) {
    checkWritable();
    startOwnCommit("maintenance runs outside transactions", statement);
    if (statement instanceof Cleanup cleanup) {
      return store.cleanup(cleanup.keep().orElse(Maintenance.DEFAULT_KEEP));
    }
    return store.optimize(options.actor(), options.durability());
  }

  /** Where load progress goes (the shell shows a progress bar; embedded users may log). */
  public void loadProgress(NdjsonLoader.Progress progress) {
    this.loadProgress = requireNonNull(progress, "progress is null");
  }

  /** Stops a streaming read when its statement is cancelled, times out or its thread is interrupted. */
  private static final class CancellableCursor implements dev.quiver.engine.view.RowCursor {
    private final dev.quiver.engine.view.RowCursor rows;
    private final Cancellation cancellation;
    private long read;
    private Cancellation.Slot slot;

    CancellableCursor(dev.quiver.engine.view.RowCursor rows, Cancellation cancellation) {
      this.rows = rows;
      this.cancellation = cancellation;
    }

    @Override
    public boolean next() {
      if ((read++ & 255) == 0) {
        if (Thread.currentThread().isInterrupted()) {
          throw new GraphException(ErrorCode.CANCELLED, "the statement was interrupted");
        }
        cancellation.checkToken();
      }
      Cancellation.Slot current = slot;
      if (current == null || !current.ownedByCurrentThread()) { // a result set may be read on another thread
        current = Cancellation.slot();
        slot = current;
      }
      Cancellation previous = cancellation.swapInto(current);
      try {
        return rows.next();
      } finally {
        Cancellation.restore(current, previous);
      }
    }

    @Override
    public Object[] row() {
      return rows.row();
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  /**
   * A {@code .gq} read (a {@code match} stands alone in its text), compiled to a relational plan; it sees what
   * SQL would: the transaction's snapshot and pending writes, else the latest version. {@code explain match …}
   * returns the plan instead.
   */
  private Result executeRead(String text, Script script, MatchQuery read, List<Object> parameters, boolean explain) {
    ReadView view = readView();
    int parameterCount = script.parameters().size();
    if (explain) {
      return store.sql().explainGraph(text, read, parameterCount, view);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // bound once per statement text
    return store.sql().queryGraph(text, read, parameterCount, parameters, now, view, store);
  }

  /**
   * Runs one attempt of an auto-committed insert-only text: the first optimistically, a retry after a
   * conflict holding the commit gate. Under the gate nobody can move the graph between the retry's reads and
   * its commit, so the retry cannot conflict again: with many clients inserting into the same tables, a
   * retry storm (each round one winner, everyone else re-validating and backing off) becomes a queue in gate
   * order. The price is that the retry's staging (validation and writing its data files) holds the gate.
   */
  private <T> T insertAttempt(int attempt, java.util.function.Supplier<T> body) {
    return attempt == 1 ? body.get() : store.committer().gate().hold(body);
  }

  /** Runs the mutation statements into the transaction; on failure the transaction is as before the text. */
  private UpdateResult stage(List<Statement> statements, List<Object> parameters, Instant now, Transaction.Mode mode) {
    Transaction.Checkpoint before = transaction.checkpoint();
    try {
      return stageInto(transaction, statements, parameters, now, mode);
    } catch (RuntimeException e) {
      transaction.restore(before);
      if (autoCommit) {
        transaction.clear();
      }
      throw e;
    }
  }

  /** Validates and stages a text's statements into {@code transaction}; the caller undoes it on failure. */
  private static UpdateResult stageInto(
      Transaction transaction, List<Statement> statements, List<Object> parameters, Instant now, Transaction.Mode mode) {
    Snapshot snapshot = transaction.snapshot();
    MutationExecutor executor = new MutationExecutor(transaction, snapshot.catalog(), parameters, now);
    List<Long> counts = new ArrayList<>();
    long nodes = 0;
    long edges = 0;
    for (Statement statement : statements) {
      MutationExecutor.Outcome outcome = executor.execute(statement);
      counts.add(outcome.count());
      nodes += outcome.affectedNodes();
      edges += outcome.affectedEdges();
    }
    edges += executor.finish();
    transaction.mode(mode);
    return new UpdateResult(counts, nodes, edges, snapshot.graphVersion());
  }

  private static Script parse(String text) {
    try {
      return MutationParser.parse(text);
    } catch (SyntaxError e) {
      throw new GraphException(ErrorCode.SYNTAX_ERROR, e.getMessage(), e.line(), e.column(), e);
    }
  }

  /** Publishes the transaction's writes as one graph commit; returns the graph version afterwards. */
  public long commit() {
    checkOpen();
    cancellation.begin(0);
    try (Cancellation.Scope scope = cancellation.enter()) {
      return commitTransaction();
    }
  }

  private long commitTransaction() {
    Optional<Snapshot> published = transaction.commit(options.actor(), options.durability());
    published.ifPresent(snapshot -> store.compactIfFragmented(options.durability()));
    return published.map(Snapshot::graphVersion).orElseGet(() -> store.snapshot().graphVersion());
  }

  /** Discards the transaction's pending writes; the graph is untouched. */
  public void rollback() {
    checkOpen();
    transaction.clear();
  }

  /** Internal: the open transaction (engine packages only). */
  public Transaction transaction() {
    return transaction;
  }

  public Catalog catalog() {
    return snapshot().catalog();
  }

  /**
   * Applies a {@code .pg} text: additive changes land as one graph commit of kind {@code schema}; anything
   * destructive or ambiguous fails and nothing changes. Returns the graph version after the apply.
   */
  public long applySchema(String schemaText) {
    checkOpen();
    checkWritable();
    requireNonNull(schemaText, "schemaText is null");
    Snapshot base = store.snapshot();
    Catalog desired = store.parse(schemaText);
    Catalog current = base.catalog();
    List<SchemaChange> changes = SchemaChanges.plan(current, desired);
    if (changes.isEmpty()) {
      return base.graphVersion();
    }
    List<StagedWrite> writes = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>();
    for (TableType type : desired.tables()) {
      if (current.table(type.tableKey()).isEmpty()) {
        writes.add(store.tableStore().stageCreate(type.tableKey(), type.arrowSchema()));
        expected.put(type.tableKey(), 0L);
      } else if (!current.table(type.tableKey()).get().arrowSchema().equals(type.arrowSchema())) {
        // New optional properties: rewrite the table into the desired layout, existing rows NULL there.
        long pin = base.tableVersion(type.tableKey());
        writes.add(store.tableStore().stageRewrite(type.tableKey(), pin, type.arrowSchema()));
        expected.put(type.tableKey(), pin);
      }
    }
    ManifestState published =
        store
            .committer()
            .commit(
                new CommitRequest(
                    options.actor(), "schema", expected, base.graphVersion(), writes, schemaText, options.durability()));
    return store.remember(published).graphVersion();
  }

  private void checkWritable() {
    if (readOnly()) {
      throw new GraphException(ErrorCode.READ_ONLY, "the connection is read-only");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new GraphException(ErrorCode.CLOSED, "the session is closed");
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed) {
      transaction.clear();
      closed = true;
    }
  }
}
