package dev.flotilla.hub.rollout;

import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import dev.flotilla.model.DurationText;
import dev.flotilla.model.RolloutPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Starts the rollout of a bundle's new revision, superseding an unfinished one. */
final class RolloutStart {
  private RolloutStart() {}

  static RolloutRecord start(
      HubStore store,
      BundleCatalog catalog,
      BundleCatalog.Entry e,
      RolloutRecord current,
      Instant now,
      int keep) {
    String name = e.spec().name();
    String revision = e.revision().id();
    String previous = catalog.previous(e).map(p -> p.revision().id()).orElse("");
    RolloutPolicy policy = e.spec().rollout();
    String reason =
        "rolling out revision "
            + RolloutPlanner.shortRev(revision)
            + (previous.isEmpty()
                ? " (first revision: nothing to roll back to)"
                : " from " + RolloutPlanner.shortRev(previous))
            + ": "
            + describe(policy);
    List<RolloutEventRecord> events = new ArrayList<>();
    if (current != null && !current.phase().finished()) {
      events.add(
          new RolloutEventRecord(
              current.id(),
              name,
              now,
              "Superseded",
              current.stage(),
              RolloutPlanner.ACTOR,
              "superseded by revision " + RolloutPlanner.shortRev(revision)));
    }
    events.add(new RolloutEventRecord(0, name, now, "Started", 0, RolloutPlanner.ACTOR, reason));
    RolloutRecord fresh =
        new RolloutRecord(
            0, name, revision, previous, Phase.PROGRESSING, 0, 0, reason, now, now, 0, "");
    return store.rollouts().start(fresh, events, keep);
  }

  /** The policy in one line, as the history shows it. */
  static String describe(RolloutPolicy p) {
    return "stages "
        + p.stages()
        + ", maxUnavailable "
        + p.maxUnavailable()
        + ", healthTimeout "
        + DurationText.format(p.healthTimeout())
        + ", failureThreshold "
        + p.failureThreshold()
        + ", rollback "
        + p.rollback().name().toLowerCase()
        + p.orderBy().map(k -> ", orderBy " + k).orElse("");
  }
}
