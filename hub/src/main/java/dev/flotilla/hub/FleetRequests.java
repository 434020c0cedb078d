package dev.flotilla.hub;

import dev.flotilla.hub.distribute.DesiredWatch;
import dev.flotilla.hub.ha.LeaderLease;
import dev.flotilla.hub.ha.ReplicaBus;
import dev.flotilla.hub.ha.Signal;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.model.ClusterId;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What request handlers ask of the fleet loop, on any replica: the leader's loop does it directly;
 * a follower sends it over the replica bus to the leader. Also the bus's subscriber: it wakes this
 * replica's long-polls when any replica changed a document, and on the leader runs what followers
 * asked for.
 */
final class FleetRequests {
  private static final Logger LOG = LoggerFactory.getLogger(FleetRequests.class);

  private final FleetLoop loop;
  private final LeaderLease lease;
  private final ReplicaBus bus;
  private final DesiredWatch watch;
  private final HubStore store;

  FleetRequests(
      FleetLoop loop, LeaderLease lease, ReplicaBus bus, DesiredWatch watch, HubStore store) {
    this.loop = loop;
    this.lease = lease;
    this.bus = bus;
    this.watch = watch;
    this.store = store;
  }

  /** A cluster's labels or facts changed: plan it again. */
  void redistribute(ClusterId cluster) {
    if (lease.isLeader()) {
      loop.distribute(cluster)
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  LOG.warn("recomputing desired state of {} failed: {}", cluster, e.getMessage());
                }
              });
    } else {
      bus.publish(new Signal.Redistribute(cluster));
    }
  }

  /**
   * A cluster just registered: plan it and wait (up to {@code timeout}) for its first document, so
   * its first poll finds one. Never throws: a late document only means the agent retries.
   */
  void awaitFirstDocument(ClusterId cluster, Duration timeout) {
    try {
      if (lease.isLeader()) {
        loop.distribute(cluster).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      CompletableFuture<Void> ready = new CompletableFuture<>();
      Runnable cancel = watch.await(cluster, () -> ready.complete(null));
      try {
        bus.publish(new Signal.Redistribute(cluster));
        if (store.desired().get(cluster).isPresent()) {
          ready.complete(null);
        }
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        cancel.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("first desired document for {} is late: {}", cluster, e.toString());
    }
  }

  /** Fetch these sources now (a webhook). */
  void fetch(Collection<String> sources) {
    if (lease.isLeader()) {
      loop.pollNow(sources);
    } else {
      sources.forEach(s -> bus.publish(new Signal.Fetch(s)));
    }
  }

  /** A source was added, changed or removed. */
  void sourceChanged(String source) {
    if (lease.isLeader()) {
      loop.pollNow();
    } else {
      bus.publish(new Signal.Everything());
    }
  }

  /** Rollout state changed (an operator's action): plan every cluster again, on the leader. */
  CompletableFuture<?> replan() {
    if (lease.isLeader()) {
      return loop.distributeAll();
    }
    bus.publish(new Signal.Replan());
    return CompletableFuture.completedFuture(null);
  }

  /** The bus subscriber. */
  void on(Signal signal) {
    switch (signal) {
      case Signal.DesiredChanged d -> watch.wake(d.cluster());
      case Signal.Missed m -> watch.wakeAll();
      case Signal.Redistribute r -> {
        if (lease.isLeader()) {
          redistribute(r.cluster());
        }
      }
      case Signal.Fetch f -> {
        if (lease.isLeader()) {
          loop.pollNow(java.util.List.of(f.source()));
        }
      }
      case Signal.Everything e -> {
        if (lease.isLeader()) {
          loop.pollNow();
        }
      }
      case Signal.Replan p -> {
        if (lease.isLeader()) {
          loop.distributeAll();
        }
      }
    }
  }
}
