package dev.flotilla.hub.distribute;

import dev.flotilla.model.ClusterId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Long-poll wake-ups: a waiting request registers a callback for its cluster; a new desired
 * document for that cluster runs and clears the callbacks. On one hub {@link #changed} wakes the
 * local waiters; with several replicas it is {@linkplain #publishTo published} to every replica
 * (PostgreSQL NOTIFY), each of which calls {@link #wake} for its own waiters. A wake-up also
 * forgets the cluster's remembered ETag ({@link KnownEtags}), so its next check-in reads the store.
 */
public final class DesiredWatch {
  /** Clusters whose ETag is remembered at most (about 26 MB at this size). */
  public static final int ETAG_CAPACITY = 2_000_000;

  private final KnownEtags etags;
  private final Map<ClusterId, List<Runnable>> waiters = new ConcurrentHashMap<>();
  private volatile Consumer<ClusterId> publisher = this::wake;

  public DesiredWatch() {
    this(new KnownEtags(ETAG_CAPACITY));
  }

  public DesiredWatch(KnownEtags etags) {
    this.etags = etags;
  }

  /** The ETags this replica remembers; every wake-up forgets the woken cluster's. */
  public KnownEtags etags() {
    return etags;
  }

  /** Routes {@link #changed} through {@code publisher}, which must lead to {@link #wake}. */
  public void publishTo(Consumer<ClusterId> publisher) {
    this.publisher = publisher;
  }

  /** Registers {@code wake}; returns a handle that unregisters it (on timeout). */
  public Runnable await(ClusterId cluster, Runnable wake) {
    waiters.computeIfAbsent(cluster, k -> new CopyOnWriteArrayList<>()).add(wake);
    return () -> {
      List<Runnable> list = waiters.get(cluster);
      if (list != null) {
        list.remove(wake);
      }
    };
  }

  /**
   * The cluster's document changed, or it was revoked (called by the replica that wrote it): its
   * ETag is forgotten here at once, on other replicas when the notification arrives.
   */
  public void changed(ClusterId cluster) {
    etags.forget(cluster);
    publisher.accept(cluster);
  }

  /** Answers this replica's requests waiting on {@code cluster}. */
  public void wake(ClusterId cluster) {
    etags.forget(cluster);
    List<Runnable> list = waiters.remove(cluster);
    if (list != null) {
      list.forEach(Runnable::run);
    }
  }

  /** Answers every waiting request (after missed notifications); they re-check their ETag. */
  public void wakeAll() {
    etags.clear();
    for (ClusterId c : Set.copyOf(waiters.keySet())) {
      wake(c);
    }
  }

  /** Number of requests waiting, for metrics. */
  public int waiting() {
    return waiters.values().stream().mapToInt(List::size).sum();
  }
}
