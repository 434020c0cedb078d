package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Waits, bounded, until CustomResourceDefinitions are Established and their kinds resolve (the API
 * server may serve a kind a moment after the condition turns true). Time comes from the clock,
 * waiting from the sleeper.
 */
final class CrdWaiter {
  private final KubeCluster cluster;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ApplyDurations durations;

  CrdWaiter(KubeCluster cluster, Clock clock, Sleeper sleeper, ApplyDurations durations) {
    this.cluster = cluster;
    this.clock = clock;
    this.sleeper = sleeper;
    this.durations = durations;
  }

  /** The CRDs of {@code crds} still not established when the wait ran out (empty: all are). */
  List<ObjectRef> awaitEstablished(List<ObjectRef> crds) {
    Instant deadline = clock.instant().plus(durations.crdEstablishTimeout());
    List<ObjectRef> pending = new ArrayList<>(crds);
    while (true) {
      pending.removeIf(this::isServed);
      if (pending.isEmpty() || !clock.instant().isBefore(deadline)) {
        return List.copyOf(pending);
      }
      try {
        sleeper.sleep(durations.crdPollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KubeException.Unavailable(
            "interrupted while waiting for CRDs " + pending + " to be established", e);
      }
    }
  }

  private boolean isServed(ObjectRef crdRef) {
    KubeObject crd = cluster.get(crdRef).orElse(null);
    if (crd == null || !established(crd)) {
      return false;
    }
    String group = crd.at("spec.group").map(String::valueOf).orElse("");
    String kind = crd.at("spec.names.kind").map(String::valueOf).orElse("");
    try {
      for (Object v : (List<?>) crd.at("spec.versions").orElse(List.of())) {
        if (v instanceof Map<?, ?> version && Boolean.TRUE.equals(version.get("served"))) {
          cluster.resolve(group + "/" + version.get("name"), kind);
        }
      }
      return true;
    } catch (KubeException.UnknownKind e) {
      return false;
    }
  }

  static boolean established(KubeObject crd) {
    return crd.at("status.conditions").stream()
        .flatMap(c -> ((List<?>) c).stream())
        .filter(c -> c instanceof Map<?, ?>)
        .map(c -> (Map<?, ?>) c)
        .anyMatch(c -> "Established".equals(c.get("type")) && "True".equals(c.get("status")));
  }
}
