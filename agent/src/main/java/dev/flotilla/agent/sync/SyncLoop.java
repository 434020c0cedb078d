package dev.flotilla.agent.sync;

import dev.flotilla.agent.hub.HubException;
import dev.flotilla.agent.status.EventTypes;
import dev.flotilla.agent.status.StatusQueue;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.sign.DocumentVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's schedule. Each {@link #step} runs whatever is due, in this order: reconcile from the
 * local store (once, at start, before the hub answers), refresh facts, pull from the hub, retry
 * failures, recheck health, correct drift, report status; then says how long to wait. Only the pull
 * and the report need the hub; everything else works offline. When to pull again is {@link
 * PollSchedule}'s decision.
 */
public final class SyncLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);
  private static final Duration MIN_LONG_POLL = Duration.ofSeconds(1);

  /**
   * How long a due pull may wait for local work that keeps coming due within a second (a health
   * recheck every second while a rollout is stuck); after that it goes out as a plain poll, so the
   * hub's next document (a rollback) still arrives.
   */
  private static final Duration MAX_PULL_DEFERRAL = Duration.ofSeconds(5);

  private final DesiredSync desired;
  private final Reconciler reconciler;
  private final StatusReporter reporter;
  private final StatusQueue status;
  private final Supplier<Facts> facts;
  private final SyncSettings settings;
  private final Clock clock;
  private final String name;
  private Instant pullDeferredSince;

  private DesiredDocument current;
  private boolean started;
  private final HubContact hub;
  private Instant nextRetry = Instant.MAX;
  private Instant nextHealth = Instant.MAX;
  private Instant nextDrift;
  private Instant nextFacts;
  private Set<String> progressing = Set.of();
  private Set<Digest> missingBlobs = Set.of();
  private int failedCount;
  private int waitingCount;

  public SyncLoop(
      String name,
      DesiredSync desired,
      Reconciler reconciler,
      StatusReporter reporter,
      StatusQueue status,
      Supplier<Facts> facts,
      SyncSettings settings,
      Backoff backoff,
      Clock clock) {
    this.name = name;
    this.desired = desired;
    this.reconciler = reconciler;
    this.reporter = reporter;
    this.status = status;
    this.facts = facts;
    this.settings = settings;
    this.clock = clock;
    this.hub = new HubContact(name, backoff, clock);
    Instant now = clock.instant();
    this.nextDrift = now.plus(settings.driftInterval());
    this.nextFacts = now;
  }

  /** Runs what is due; returns how long to wait before the next step. */
  public Duration step() {
    if (!started) {
      started = true;
      startFromLocalStore();
    }
    if (due(nextFacts)) {
      refreshFacts();
    }
    if (due(hub.nextPull())) {
      pull();
    }
    if (due(nextRetry) && current != null) {
      reconcile("retrying after a failure");
    }
    if (due(nextHealth) && current != null) {
      recheckHealth();
    }
    if (due(nextDrift)) {
      drift();
    }
    if (status.pending() && due(hub.nextReport())) {
      report();
    }
    saveStatus();
    Duration wait = Duration.between(clock.instant(), min(hub.nextPull(), nextOther()));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  public boolean hubReachable() {
    return hub.reachable();
  }

  public Optional<DesiredDocument> current() {
    return Optional.ofNullable(current);
  }

  private void startFromLocalStore() {
    try {
      Optional<DesiredDocument> stored = desired.stored();
      if (stored.isPresent()) {
        current = stored.get();
        LOG.info("{}: applying generation {} from the local store", name, current.generation());
        Instant from = clock.instant();
        reconcile("start from the local store");
        LOG.info(
            "{}: generation {} applied from the local store in {} ms ({} bundle(s), {} progressing,"
                + " {} failed, {} waiting)",
            name,
            current.generation(),
            Duration.between(from, clock.instant()).toMillis(),
            current.bundles().size(),
            progressing.size(),
            failedCount,
            waitingCount);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot read the local store ({}); waiting for the hub", name, e.toString());
    }
  }

  private void pull() {
    Duration wait = longPollWait();
    if (settings.longPoll().isPositive() && current != null && wait.isZero()) {
      Instant now = clock.instant();
      if (pullDeferredSince == null) {
        pullDeferredSince = now;
      }
      if (Duration.between(pullDeferredSince, now).compareTo(MAX_PULL_DEFERRAL) < 0) {
        // something else is due within a second: do that first, then hold a long-poll
        hub.pullAt(nextOther());
        return;
      }
    }
    pullDeferredSince = null;
    Instant asked = clock.instant();
    try {
      DesiredSync.Outcome outcome = desired.pull(wait);
      hub.answered();
      switch (outcome) {
        case DesiredSync.Outcome.Updated u -> {
          current = u.document();
          LOG.info(
              "{}: desired generation {} ({} bundle(s), {} blob(s) fetched)",
              name,
              current.generation(),
              current.bundles().size(),
              u.blobsFetched());
          reconcile("new desired generation " + current.generation());
        }
        case DesiredSync.Outcome.Unchanged n -> {
          if (!missingBlobs.isEmpty() && current != null) {
            int fetched = desired.repair(missingBlobs);
            missingBlobs = Set.of();
            reconcile(fetched + " manifest blob(s) fetched again");
          }
        }
      }
      boolean changed = outcome instanceof DesiredSync.Outcome.Updated;
      hub.pullAt(
          PollSchedule.afterAnswer(
              asked,
              clock.instant(),
              settings.longPoll().isPositive(),
              wait,
              changed,
              outcome.nextPoll()));
    } catch (HubException.Throttled t) {
      hub.throttled(t);
    } catch (HubException.Refused r) {
      hub.failed(r.getMessage());
      if (r.code().equals("revoked")) {
        LOG.error("{}: this cluster was revoked at the hub; keeping the last applied state", name);
      }
    } catch (HubException e) {
      hub.failed(e.getMessage());
    } catch (DocumentVerifier.DocumentRejected e) {
      status.event("", EventTypes.DOCUMENT_REJECTED, e.getMessage());
      LOG.error("{}: refused a desired document: {} (keeping the last good state)", name, e);
      hub.failed("desired document rejected");
    } catch (IOException e) {
      LOG.error("{}: local store write failed: {}", name, e.toString());
      hub.pullFailedLocally();
    }
  }

  /**
   * How long the next poll may wait at the hub: the long-poll setting, cut so it ends before
   * anything else is due; zero for plain polls, before the first document, or when something is due
   * within a second.
   */
  private Duration longPollWait() {
    if (!settings.longPoll().isPositive() || current == null) {
      return Duration.ZERO;
    }
    Duration until = Duration.between(clock.instant(), nextOther());
    if (until.compareTo(MIN_LONG_POLL) < 0) {
      return Duration.ZERO;
    }
    return until.compareTo(settings.longPoll()) < 0
        ? Duration.ofSeconds(until.toSeconds())
        : settings.longPoll();
  }

  private void reconcile(String why) {
    try {
      Reconciler.Outcome o = reconciler.reconcile(current);
      Instant now = clock.instant();
      missingBlobs = new HashSet<>(o.missingBlobs());
      progressing = o.progressing();
      failedCount = o.failed().size();
      waitingCount = o.waiting().size();
      nextRetry =
          o.failed().isEmpty() && o.waiting().isEmpty()
              ? Instant.MAX
              : now.plus(settings.retryInterval());
      if (!o.waiting().isEmpty()) {
        nextRetry = min(nextRetry, now.plus(settings.healthInterval()));
      }
      nextHealth = progressing.isEmpty() ? Instant.MAX : now.plus(settings.healthInterval());
      if (!missingBlobs.isEmpty()) {
        hub.pullBy(now);
      }
      hub.reportAt(now);
    } catch (IOException | RuntimeException e) {
      LOG.error("{}: reconcile ({}) failed: {}", name, why, e.toString());
      nextRetry = clock.instant().plus(settings.retryInterval());
    }
  }

  private void recheckHealth() {
    try {
      Set<String> before = progressing;
      progressing = reconciler.refreshHealth(current, before);
      nextHealth =
          progressing.isEmpty() ? Instant.MAX : clock.instant().plus(settings.healthInterval());
      hub.reportAt(clock.instant());
      if (progressing.size() < before.size() && nextRetry != Instant.MAX) {
        nextRetry = clock.instant();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: health check failed: {}", name, e.toString());
      nextHealth = clock.instant().plus(settings.healthInterval());
    }
  }

  private void drift() {
    nextDrift = clock.instant().plus(settings.driftInterval());
    if (current == null) {
      return;
    }
    try {
      Set<Digest> discarded = reconciler.correctDrift(current);
      if (!discarded.isEmpty()) {
        missingBlobs = union(missingBlobs, discarded);
        hub.pullBy(clock.instant());
      }
      hub.reportBy(clock.instant());
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: drift check failed: {}", name, e.toString());
    }
  }

  private void refreshFacts() {
    nextFacts = clock.instant().plus(settings.factsInterval());
    try {
      status.facts(facts.get());
    } catch (RuntimeException e) {
      LOG.warn("{}: cannot read cluster facts: {}", name, e.getMessage());
    }
  }

  private void report() {
    try {
      StatusReporter.Sent sent = reporter.report();
      hub.answered();
      hub.reportAt(clock.instant());
      if (sent.delivery() == StatusQueue.Delivery.RENUMBERED) {
        LOG.info("{}: status numbering follows the hub's from report {}", name, sent.reportSeq());
      } else if (sent.eventsLeft() > 0) {
        LOG.info("{}: reported {} event(s), {} to go", name, sent.eventsSent(), sent.eventsLeft());
      }
    } catch (HubException.Throttled t) {
      hub.throttled(t);
    } catch (HubException e) {
      hub.failed(e.getMessage());
    } catch (IOException e) {
      LOG.error("{}: local store write failed: {}", name, e.toString());
      hub.reportAt(clock.instant().plus(settings.retryInterval()));
    }
  }

  /** Whatever the steps queued (events of a rejected document, new facts) is kept on disk. */
  private void saveStatus() {
    try {
      reporter.save();
    } catch (IOException e) {
      LOG.error("{}: cannot save the status queue: {}", name, e.toString());
    }
  }

  /** The earliest due time of everything but the pull. */
  private Instant nextOther() {
    return min(
        nextRetry,
        nextHealth,
        nextDrift,
        nextFacts,
        status.pending() ? hub.nextReport() : Instant.MAX);
  }

  private boolean due(Instant at) {
    return !clock.instant().isBefore(at);
  }

  private static Set<Digest> union(Set<Digest> a, Set<Digest> b) {
    Set<Digest> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static Instant min(Instant... xs) {
    Instant m = Instant.MAX;
    for (Instant x : xs) {
      if (x.isBefore(m)) {
        m = x;
      }
    }
    return m;
  }

  /** For tests: the due times, in order pull, retry, health, drift, report. */
  List<Instant> schedule() {
    return List.of(hub.nextPull(), nextRetry, nextHealth, nextDrift, hub.nextReport());
  }
}
