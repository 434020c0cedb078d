package dev.flotilla.cli;

import dev.flotilla.hub.rollout.RolloutProgress;
import dev.flotilla.hub.rollout.RolloutViews.EventView;
import dev.flotilla.hub.rollout.RolloutViews.RolloutHistory;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How {@code flotilla rollout} shows rollouts: a status page, one line, a history. */
final class RolloutPrinter {
  private static final int BAR = 30;
  private static final Set<String> FINISHED = Set.of("COMPLETE", "ROLLED_BACK", "SUPERSEDED");

  private RolloutPrinter() {}

  static boolean finished(RolloutView v) {
    return FINISHED.contains(v.phase());
  }

  static void status(RolloutView v, PrintStream out) {
    RolloutProgress p = v.progress();
    out.println("Bundle:    " + v.bundle());
    out.println(
        "Revision:  "
            + Output.shortRev(v.revision())
            + (v.previousRevision().isEmpty()
                ? " (first revision)"
                : " (previous " + Output.shortRev(v.previousRevision()) + ")"));
    out.println("Phase:     " + v.phase() + stageText(v));
    out.println("Reason:    " + v.reason());
    out.println("Progress:  " + bar(v) + "  " + counts(p));
    if (!p.stageNames().isEmpty()) {
      out.println("Stages:    " + stages(v));
    }
    if (!p.gate().isEmpty() && v.phase().equals("PROGRESSING")) {
      out.println("Gate:      " + p.gate());
    }
    out.println(
        "Limits:    maxUnavailable "
            + p.maxUnavailable()
            + ", failures tolerated "
            + p.failureLimit());
    out.println(
        "Started:   "
            + v.startedAt().truncatedTo(ChronoUnit.SECONDS)
            + " ("
            + Output.age(v.startedAt(), Instant.now())
            + " ago)");
    if (!p.failures().isEmpty()) {
      out.println();
      List<List<String>> rows = new ArrayList<>();
      p.failures().forEach(f -> rows.add(List.of(f.cluster(), f.reason())));
      Output.table(List.of("FAILED CLUSTER", "WHY"), rows, out);
    }
    if (!p.queuedClusters().isEmpty()) {
      out.println();
      out.println(
          "Queued (offline; they converge when they are back): "
              + String.join(", ", p.queuedClusters())
              + (p.queued() > p.queuedClusters().size()
                  ? " and " + (p.queued() - p.queuedClusters().size()) + " more"
                  : ""));
    }
  }

  /** The answer to an action: the rollout in one line. */
  static String oneLine(RolloutView v) {
    return "rollout of "
        + v.bundle()
        + " at "
        + Output.shortRev(v.revision())
        + ": "
        + v.phase()
        + stageText(v)
        + " ("
        + v.reason()
        + ")";
  }

  static void history(RolloutHistory h, PrintStream out) {
    List<List<String>> rows = new ArrayList<>();
    for (RolloutView v : h.rollouts()) {
      rows.add(
          List.of(
              String.valueOf(v.id()),
              Output.shortRev(v.revision()),
              v.previousRevision().isEmpty() ? "-" : Output.shortRev(v.previousRevision()),
              v.phase(),
              v.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
              v.reason()));
    }
    Output.table(List.of("ROLLOUT", "REVISION", "FROM", "PHASE", "STARTED", "REASON"), rows, out);
    out.println();
    List<List<String>> events = new ArrayList<>();
    for (EventView e : h.events()) {
      events.add(
          List.of(
              e.at().truncatedTo(ChronoUnit.SECONDS).toString(),
              String.valueOf(e.rollout()),
              e.type(),
              String.valueOf(e.stage() + 1),
              e.actor(),
              e.message()));
    }
    Output.table(List.of("TIME", "ROLLOUT", "EVENT", "STAGE", "BY", "MESSAGE"), events, out);
  }

  private static String stageText(RolloutView v) {
    List<String> names = v.progress().stageNames();
    if (names.isEmpty() || finished(v)) {
      return "";
    }
    int k = Math.min(v.stage(), names.size() - 1);
    return ", stage " + (k + 1) + "/" + names.size() + " (" + names.get(k) + ")";
  }

  private static String stages(RolloutView v) {
    List<String> names = v.progress().stageNames();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String mark;
      if (v.phase().equals("COMPLETE") || i < v.stage()) {
        mark = "passed";
      } else if (i > v.stage()) {
        mark = "to do";
      } else {
        mark =
            switch (v.phase()) {
              case "PROGRESSING" -> "current";
              case "PAUSED" -> "paused";
              case "SUPERSEDED" -> "superseded";
              default -> "rolled back";
            };
      }
      parts.add(names.get(i) + " (" + mark + ")");
    }
    return String.join(" > ", parts);
  }

  /** The share of clusters where they should be: on the revision, or back on the previous one. */
  static String bar(RolloutView v) {
    RolloutProgress p = v.progress();
    boolean back = v.phase().equals("ROLLING_BACK") || v.phase().equals("ROLLED_BACK");
    int done =
        back ? p.targeted() - p.healthy() - p.updating() - p.failed() : p.healthy() + p.unchanged();
    int total = Math.max(p.targeted(), 1);
    int filled = (int) Math.round(BAR * (double) Math.max(0, done) / total);
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR - filled)
        + "] "
        + Math.max(0, done)
        + "/"
        + p.targeted()
        + (back ? " back on " : " on ")
        + Output.shortRev(v.serving());
  }

  private static String counts(RolloutProgress p) {
    return "%d healthy, %d unchanged, %d updating, %d failed, %d waiting, %d queued offline"
        .formatted(p.healthy(), p.unchanged(), p.updating(), p.failed(), p.waiting(), p.queued());
  }
}
