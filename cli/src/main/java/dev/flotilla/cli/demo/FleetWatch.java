package dev.flotilla.cli.demo;

import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.FleetSummary;
import dev.flotilla.hub.rollout.RolloutViews.EventView;
import dev.flotilla.hub.rollout.RolloutViews.RolloutHistory;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Watches the demo fleet through the admin API: the live progress line (with the changed bundle's
 * rollout stage) and, as they happen, the rollout's history entries.
 */
final class FleetWatch {
  private final AdminClient admin;
  private final ProgressView view;
  private final PrintStream out;
  private final int clusters;
  private final Set<String> printed = new HashSet<>();

  FleetWatch(AdminClient admin, ProgressView view, PrintStream out, int clusters) {
    this.admin = admin;
    this.view = view;
    this.out = out;
    this.clusters = clusters;
  }

  /**
   * Waits until every cluster runs {@code revision} of the changed bundle and is synced, and the
   * bundle's rollout satisfies {@code rolloutDone}; false if {@code deadline} (nanoTime) passes.
   * With {@code showRollout}, the rollout's stage and history entries are shown as they come.
   */
  boolean converge(
      String phase,
      String revision,
      Predicate<RolloutView> rolloutDone,
      boolean showRollout,
      long deadline)
      throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int onLatest = onLatest(revision);
      FleetSummary s = admin.get("/v1/admin/fleet", FleetSummary.class);
      Optional<RolloutView> rollout = rollout();
      view.show(
          phase,
          onLatest,
          clusters,
          s,
          Duration.ofNanos(System.nanoTime() - start),
          showRollout ? rollout.map(FleetWatch::stage).orElse("") : "");
      if (showRollout) {
        newEvents();
      }
      if (onLatest == clusters
          && s.clusters() == clusters
          && rollout.map(rolloutDone::test).orElse(true)) {
        view.done();
        return true;
      }
      Thread.sleep(250);
    }
    view.done();
    return false;
  }

  /** The changed bundle's current rollout, if the hub has one yet. */
  Optional<RolloutView> rollout() {
    try {
      return Optional.of(
          admin.get("/v1/admin/rollouts/" + SampleFleet.CHANGED_BUNDLE, RolloutView.class));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Marks the history so far as shown (before a commit, so only what follows is printed). */
  void skipHistory() {
    history().forEach(e -> printed.add(key(e)));
  }

  private void newEvents() {
    List<EventView> events = history();
    for (int i = events.size() - 1; i >= 0; i--) {
      EventView e = events.get(i);
      if (printed.add(key(e)) && !e.type().equals("Started")) {
        view.note("  rollout: " + e.message());
      }
    }
  }

  private List<EventView> history() {
    try {
      return admin
          .get(
              "/v1/admin/rollouts/" + SampleFleet.CHANGED_BUNDLE + "/history", RolloutHistory.class)
          .events();
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  private static String key(EventView e) {
    return e.rollout() + "/" + e.at() + "/" + e.type() + "/" + e.stage();
  }

  private static String stage(RolloutView r) {
    int stages = r.progress().stages();
    return switch (r.phase()) {
      case "PROGRESSING", "PAUSED" ->
          stages == 0
              ? ""
              : "stage %d/%d (%s)"
                  .formatted(r.stage() + 1, stages, r.progress().stageNames().get(r.stage()));
      case "ROLLING_BACK" -> "rolling back";
      case "ROLLED_BACK" -> "rolled back";
      default -> "";
    };
  }

  /** Clusters whose changed bundle runs {@code revision}, ready, and that are synced. */
  private int onLatest(String revision) {
    Set<String> synced =
        admin.getAll("/v1/admin/clusters", ClusterView.class).stream()
            .filter(ClusterView::synced)
            .map(ClusterView::name)
            .collect(Collectors.toSet());
    List<ClusterBundle> rows;
    try {
      rows = admin.bundleDetail(SampleFleet.CHANGED_BUNDLE).clusters();
    } catch (IllegalStateException e) {
      return 0;
    }
    return (int)
        rows.stream()
            .filter(
                r ->
                    r.revision().equals(revision)
                        && r.state().equals("READY")
                        && synced.contains(r.cluster()))
            .count();
  }
}
