package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.BundleCounts;
import dev.flotilla.hub.admin.AdminViews.BundleView;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.FleetSummary;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.BundleStatusRecord;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.BundleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Joins what the hub assigned with what agents reported into the admin views (pure: snapshots in,
 * views out). A bundle is ready on a cluster when the agent reports the assigned digest applied and
 * healthy; a cluster is synced when all its served bundles are ready and none waits.
 */
public final class FleetStatus {
  private final Map<ClusterId, ClusterRecord> clusters;
  private final Map<ClusterId, List<Assignment>> assignments;
  private final Map<ClusterId, Map<String, BundleStatusRecord>> reports;
  private final Instant now;
  private final Duration offlineAfter;

  public FleetStatus(
      List<ClusterRecord> clusters,
      List<Assignment> assignments,
      List<BundleStatusRecord> reports,
      Instant now,
      Duration offlineAfter) {
    this.clusters = new TreeMap<>();
    clusters.forEach(c -> this.clusters.put(c.id(), c));
    this.assignments = assignments.stream().collect(Collectors.groupingBy(Assignment::cluster));
    this.reports = new TreeMap<>();
    for (BundleStatusRecord r : reports) {
      this.reports.computeIfAbsent(r.cluster(), k -> new TreeMap<>()).put(r.bundle(), r);
    }
    this.now = now;
    this.offlineAfter = offlineAfter;
  }

  /** Where one assignment stands. */
  public enum Progress {
    READY,
    PENDING,
    FAILED,
    NOT_ADMITTED
  }

  public Progress progress(Assignment a) {
    BundleStatusRecord r = reportOf(a);
    return progress(
        a.state(), a.served(), r == null ? null : r.sync(), r == null ? null : r.health());
  }

  /**
   * Where an assignment stands from its state, whether it serves content, and the agent's report of
   * the digest it serves ({@code sync} and {@code health} null when there is none): the rule behind
   * {@link #progress(Assignment)}, for counts the database grouped by these columns.
   */
  public static Progress progress(
      Assignment.State state,
      boolean served,
      BundleStatus.SyncState sync,
      BundleStatus.Health health) {
    return switch (state) {
      case NOT_ADMITTED -> Progress.NOT_ADMITTED;
      case WAITING -> Progress.PENDING;
      case ERROR -> Progress.FAILED;
      case ROLLED_BACK -> served ? reported(sync, health) : Progress.READY;
      case ASSIGNED -> reported(sync, health);
    };
  }

  /**
   * Where the content an assignment serves stands by the agent's report, whatever the assignment's
   * state: READY when the agent reports its digest applied and healthy.
   */
  public Progress reported(Assignment a) {
    BundleStatusRecord r = reportOf(a);
    return reported(r == null ? null : r.sync(), r == null ? null : r.health());
  }

  private static Progress reported(BundleStatus.SyncState sync, BundleStatus.Health health) {
    if (sync == null || health == null) {
      return Progress.PENDING;
    }
    if (sync == BundleStatus.SyncState.FAILED || health == BundleStatus.Health.FAILED) {
      return Progress.FAILED;
    }
    return sync == BundleStatus.SyncState.APPLIED && health == BundleStatus.Health.READY
        ? Progress.READY
        : Progress.PENDING;
  }

  /** The agent's report of the digest the assignment serves, or null. */
  private BundleStatusRecord reportOf(Assignment a) {
    BundleStatusRecord r = reports.getOrDefault(a.cluster(), Map.of()).get(a.bundle());
    return r == null || !r.digest().equals(a.digest()) ? null : r;
  }

  /** What the agent reported about the bundle, or an empty string. */
  public String reportedMessage(Assignment a) {
    BundleStatusRecord r = reports.getOrDefault(a.cluster(), Map.of()).get(a.bundle());
    return r == null ? "" : r.message();
  }

  public boolean online(ClusterRecord c) {
    return !c.revoked() && c.lastSeen().isAfter(now.minus(offlineAfter));
  }

  public ClusterView cluster(ClusterRecord c) {
    int ready = 0, pending = 0, failed = 0, notAdmitted = 0;
    List<Assignment> mine = assignments.getOrDefault(c.id(), List.of());
    for (Assignment a : mine) {
      switch (progress(a)) {
        case READY -> ready++;
        case PENDING -> pending++;
        case FAILED -> failed++;
        case NOT_ADMITTED -> notAdmitted++;
      }
    }
    boolean synced = pending == 0 && failed == 0;
    return new ClusterView(
        c.name(),
        c.id().value(),
        c.labels().map(),
        c.facts(),
        c.createdAt(),
        c.lastSeen(),
        online(c),
        c.revoked(),
        synced,
        new BundleCounts(mine.size(), ready, pending, failed, notAdmitted));
  }

  public List<ClusterView> clusters() {
    return clusters.values().stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .map(this::cluster)
        .toList();
  }

  public List<ClusterBundle> bundlesOf(ClusterId id) {
    List<ClusterBundle> out = new ArrayList<>();
    for (Assignment a : assignments.getOrDefault(id, List.of())) {
      out.add(row(a));
    }
    return out;
  }

  public List<ClusterBundle> clustersOf(String bundle) {
    List<ClusterBundle> out = new ArrayList<>();
    for (List<Assignment> list : assignments.values()) {
      for (Assignment a : list) {
        if (a.bundle().equals(bundle)) {
          out.add(row(a));
        }
      }
    }
    out.sort((x, y) -> x.cluster().compareTo(y.cluster()));
    return out;
  }

  public BundleView bundle(BundleRecord b) {
    int targeted = 0, ready = 0, pending = 0, failed = 0, notAdmitted = 0;
    for (List<Assignment> list : assignments.values()) {
      for (Assignment a : list) {
        if (!a.bundle().equals(b.name())) {
          continue;
        }
        targeted++;
        switch (progress(a)) {
          case READY -> ready++;
          case PENDING -> pending++;
          case FAILED -> failed++;
          case NOT_ADMITTED -> notAdmitted++;
        }
      }
    }
    return new BundleView(
        b.name(),
        b.source(),
        b.path(),
        b.revision(),
        b.error(),
        targeted,
        ready,
        pending,
        failed,
        notAdmitted);
  }

  public FleetSummary summary(List<BundleRecord> bundles) {
    int online = 0, synced = 0, pending = 0, failed = 0, total = 0;
    for (ClusterRecord c : clusters.values()) {
      if (c.revoked()) {
        continue;
      }
      total++;
      ClusterView v = cluster(c);
      if (v.online()) {
        online++;
      }
      if (v.bundles().failed() > 0) {
        failed++;
      } else if (v.synced()) {
        synced++;
      } else {
        pending++;
      }
    }
    Map<String, String> revisions = new TreeMap<>();
    bundles.forEach(b -> revisions.put(b.name(), b.revision()));
    return new FleetSummary(total, online, total - online, synced, pending, failed, revisions);
  }

  private ClusterBundle row(Assignment a) {
    BundleStatusRecord r = reports.getOrDefault(a.cluster(), Map.of()).get(a.bundle());
    ClusterRecord c = clusters.get(a.cluster());
    return new ClusterBundle(
        c == null ? a.cluster().value() : c.name(),
        a.bundle(),
        a.state() == Assignment.State.ASSIGNED || a.state() == Assignment.State.ROLLED_BACK
            ? progress(a).name()
            : a.state().name(),
        a.revision(),
        a.digest(),
        a.message(),
        r == null ? "" : r.revision(),
        r == null ? "" : r.sync().name(),
        r == null ? "" : r.health().name(),
        r == null ? "" : r.message(),
        r == null ? null : r.observedAt());
  }
}
