package dev.quiver.engine;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.tx.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for auto-committed insert-only texts: concurrent ones are validated and staged, one after the
 * other, into one transaction and published as one graph commit — one Lance commit per touched table and one
 * manifest publish for the whole group, and one set of fsyncs.
 *
 * <p>A text that arrives while a group is being committed queues. When the leader's group is done, the next
 * waiting text leads: holding the commit gate it takes every queued text of the same actor and durability (at
 * most {@link #MAX_GROUP}), runs each into a fresh transaction on the latest version — each text sees the
 * texts before it, exactly as the statements of one transaction do, so keys, {@code @unique}, {@code @card}
 * and endpoints are checked against everything the group has written — and commits. A text that fails its
 * checks is undone alone (the transaction's undo log) and gets its own error; the others still commit. All
 * members of a group report the same graph version. Under the gate nobody can move the graph between the
 * group's reads and its commit, so a group never loses a conflict.
 *
 * <p>Why only insert-only auto-commit texts: SPEC §5 lets exactly these be re-validated and retried inside the
 * engine (an insert does not depend on what its author read), so re-validating one against the others of its
 * group is the same promise. Updates, deletes and explicit transactions keep "of N concurrent committers on a
 * table exactly one wins" (invariant 4).
 */
final class InsertGroups {
  /**
   * System property {@code quiver.groupCommit}: {@code false} turns group commit off (each insert-only text
   * then commits alone, retried under the gate after a conflict).
   */
  static final String PROPERTY = "quiver.groupCommit";

  /** The most texts one group commits. */
  static final int MAX_GROUP = 64;

  /** One queued text. */
  static final class Member {
    final String actor;
    final Durability durability;
    final Cancellation cancellation;
    final Function<Transaction, UpdateResult> stage;
    final CompletableFuture<UpdateResult> result = new CompletableFuture<>();

    /**
     * @param stage validates and stages the text into the group's transaction (undone by the group if it
     *     throws)
     */
    Member(String actor, Durability durability, Cancellation cancellation, Function<Transaction, UpdateResult> stage) {
      this.actor = requireNonNull(actor, "actor is null");
      this.durability = requireNonNull(durability, "durability is null");
      this.cancellation = requireNonNull(cancellation, "cancellation is null");
      this.stage = requireNonNull(stage, "stage is null");
    }

    boolean joins(Member leader) {
      return actor.equals(leader.actor) && durability == leader.durability;
    }
  }

  private final GraphStore store;
  private final ReentrantLock leading = new ReentrantLock(true);
  private final ArrayDeque<Member> queue = new ArrayDeque<>(); // guarded by this

  InsertGroups(GraphStore store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** Commits {@code member}'s text in a group; returns its result or throws its own failure. */
  UpdateResult commit(Member member) {
    synchronized (this) {
      queue.add(member);
    }
    try {
      leading.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (withdraw(member)) {
        throw new GraphException(ErrorCode.CANCELLED, "interrupted while waiting to commit", e);
      }
      // already taken into a group: its outcome is this text's
    }
    if (leading.isHeldByCurrentThread()) {
      try {
        if (!member.result.isDone()) {
          lead(member);
        }
      } finally {
        leading.unlock();
      }
    }
    return outcome(member);
  }

  /** Texts waiting for a group (for tests). */
  synchronized int queued() {
    return queue.size();
  }

  private synchronized boolean withdraw(Member member) {
    return queue.remove(member);
  }

  private synchronized List<Member> takeGroup(Member leader) {
    List<Member> group = new ArrayList<>();
    group.add(leader);
    queue.remove(leader);
    for (Iterator<Member> waiting = queue.iterator(); waiting.hasNext() && group.size() < MAX_GROUP; ) {
      Member member = waiting.next();
      if (member.joins(leader)) {
        group.add(member);
        waiting.remove();
      }
    }
    return group;
  }

  private void lead(Member leader) {
    // The leader's thread runs other texts: an interrupt meant for its own statement must not fail theirs.
    // One that arrived before it took the lead fails only its own text; later ones are held back while the
    // group runs and set again when it is done.
    boolean interrupted = Thread.interrupted();
    boolean leaderInterrupted = interrupted;
    List<Member> taken = new ArrayList<>();
    try {
      interrupted |= store.committer().gate().hold(() -> {
        taken.addAll(takeGroup(leader));
        return commitGroup(taken, leaderInterrupted ? leader : null);
      });
    } catch (RuntimeException | Error e) {
      // The gate failed before the group was taken, or something broke after: no member may be left
      // waiting, or its own thread would lead it again and could commit it twice.
      if (taken.isEmpty()) {
        leader.result.completeExceptionally(e);
      }
      for (Member member : taken) {
        member.result.completeExceptionally(e); // a no-op for members already told their outcome
      }
      if (e instanceof Error error) {
        throw error;
      }
    } finally {
      if (interrupted || Thread.interrupted()) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Validates and stages {@code group} into one transaction and commits it; retried once, holding the gate,
   * when the commit meets a conflict (a recovery published under the gate first). Returns whether this
   * thread was interrupted meanwhile (held back: the interrupt was not meant for the other members).
   */
  private boolean commitGroup(List<Member> group, Member interruptedLeader) {
    boolean interrupted = false;
    List<Member> pending = new ArrayList<>();
    for (Member member : group) {
      if (member == interruptedLeader) {
        member.result.completeExceptionally(new GraphException(ErrorCode.CANCELLED, "the statement was interrupted"));
      } else {
        pending.add(member);
      }
    }
    for (int attempt = 1; ; attempt++) {
      Transaction shared = new Transaction(store);
      List<Member> staged = new ArrayList<>();
      List<UpdateResult> results = new ArrayList<>();
      for (Member member : pending) {
        interrupted |= Thread.interrupted();
        Transaction.Checkpoint before = shared.checkpoint();
        try (Cancellation.Scope scope = member.cancellation.enter()) {
          member.cancellation.checkToken();
          results.add(member.stage.apply(shared));
          staged.add(member);
        } catch (RuntimeException e) {
          shared.restore(before);
          member.result.completeExceptionally(e);
        }
      }
      if (staged.isEmpty()) {
        shared.clear();
        return interrupted;
      }
      interrupted |= Thread.interrupted();
      Member first = staged.get(0);
      Optional<Snapshot> published;
      // A text committing alone can still be cancelled up to its first table commit, as without groups; in a
      // group one member's cancel must not stop the others' commit, so it runs under a token nobody cancels.
      Cancellation token = staged.size() == 1 ? first.cancellation : new Cancellation();
      try (Cancellation.Scope scope = token.enter()) {
        published = shared.commit(first.actor, first.durability);
      } catch (ConflictException conflict) {
        if (attempt == 1) {
          pending = staged; // again, on the version the conflict revealed; the gate is still held
          continue;
        }
        staged.forEach(member -> member.result.completeExceptionally(conflict));
        return interrupted;
      } catch (RuntimeException e) {
        staged.forEach(member -> member.result.completeExceptionally(e));
        return interrupted;
      }
      long version = published.map(Snapshot::graphVersion).orElseGet(() -> store.snapshot().graphVersion());
      for (int i = 0; i < staged.size(); i++) {
        UpdateResult result = results.get(i);
        staged.get(i).result.complete(
            new UpdateResult(result.counts(), result.affectedNodes(), result.affectedEdges(), version));
      }
      published.ifPresent(snapshot -> store.compactIfFragmented(first.durability));
      return interrupted;
    }
  }

  /**
   * The member's outcome. Waits without giving up on an interrupt: a text taken into a group is committed or
   * failed with it, and reporting 57014 for a text that then commits would invite a retry that applies it
   * twice (the interrupt stays set for the caller).
   */
  private static UpdateResult outcome(Member member) {
    try {
      return member.result.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new GraphException(ErrorCode.INTERNAL, "group commit failed: " + e.getCause(), e.getCause());
    }
  }
}
