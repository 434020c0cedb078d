package dev.flotilla.hub.distribute;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.target.TargetDecision;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.render.BundleRenderer;
import dev.flotilla.render.ClusterVars;
import dev.flotilla.render.ManifestSet;
import dev.flotilla.render.RenderException;
import dev.flotilla.render.RenderRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans one cluster: targeting, admission, rendering, the rollout gate and dependency order. No
 * store access; rendering goes through the injected renderer (and its cache). The gate names the
 * revision each bundle should run: the newest, or the previous good one ({@link
 * BundleSnapshot#previous}) while the rollout has not reached the cluster or after a rollback.
 */
public final class ClusterPlanner {
  private final BundleRenderer renderer;
  private final RolloutGate gate;
  private final Clock clock;

  public ClusterPlanner(BundleRenderer renderer, RolloutGate gate, Clock clock) {
    this.renderer = renderer;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * @param cluster the cluster
   * @param bundles every bundle with a usable definition
   * @param current the cluster's assignments now, by bundle
   */
  public ClusterPlan plan(
      ClusterRecord cluster, List<BundleSnapshot> bundles, Map<String, Assignment> current) {
    Instant now = clock.instant();
    Map<String, Assignment> assignments = new TreeMap<>();
    Map<String, BundleSnapshot> served = new LinkedHashMap<>();
    List<ManifestSet> rendered = new ArrayList<>();
    for (BundleSnapshot b : bundles) {
      Assignment cur = current.get(b.name());
      TargetDecision decision = TargetDecision.decide(b.spec(), cluster.labels(), cluster.facts());
      Served next =
          switch (decision) {
            case TargetDecision.NotTargeted n -> null;
            case TargetDecision.NotAdmitted n ->
                new Served(
                    new Assignment(
                        cluster.id(), b.name(), "", "", State.NOT_ADMITTED, n.message(), now),
                    b);
            case TargetDecision.Targeted t -> renderAndGate(cluster, b, cur, rendered, now);
          };
      if (next != null) {
        assignments.put(b.name(), next.assignment());
        if (next.assignment().served()) {
          served.put(b.name(), next.from());
        }
      }
    }
    Map<String, List<String>> deps = new TreeMap<>();
    served.forEach((name, b) -> deps.put(name, b.spec().dependsOn()));
    DependencyOrder.Result order = DependencyOrder.of(deps);
    // A dependency problem is a configuration error: keep serving what the cluster had (after
    // the ordered bundles) rather than pruning a running bundle because of it.
    List<String> keptDespiteProblems = new ArrayList<>();
    order
        .problems()
        .forEach(
            (name, problem) -> {
              Assignment prev = current.get(name);
              String why = "bundle " + name + " " + problem;
              if (prev != null && prev.served()) {
                assignments.put(
                    name,
                    new Assignment(
                        cluster.id(), name, prev.revision(), prev.digest(), State.ERROR, why, now));
                keptDespiteProblems.add(name);
              } else {
                assignments.put(
                    name, new Assignment(cluster.id(), name, "", "", State.ERROR, why, now));
              }
            });
    List<DesiredBundle> document = new ArrayList<>();
    List<String> names = new ArrayList<>(order.ordered());
    names.addAll(keptDespiteProblems);
    for (String name : names) {
      Assignment a = assignments.get(name);
      BundleSnapshot b = served.get(name);
      document.add(
          new DesiredBundle(
              name, a.revision(), a.digest(), b.spec().options(), b.spec().dependsOn()));
    }
    return new ClusterPlan(List.copyOf(assignments.values()), document, rendered);
  }

  /** An assignment and the snapshot whose definition (options, dependencies) it serves. */
  private record Served(Assignment assignment, BundleSnapshot from) {}

  private Served renderAndGate(
      ClusterRecord cluster,
      BundleSnapshot b,
      Assignment cur,
      List<ManifestSet> rendered,
      Instant now) {
    if (!b.available()) {
      String why =
          "revision " + b.revision().shortId() + " cannot be read on this hub: " + b.unavailable();
      return new Served(keep(cluster, b.name(), cur, State.ERROR, why, now), b);
    }
    RolloutDecision decision = gate.decide(b, cluster.id());
    if (decision instanceof RolloutDecision.Previous p) {
      return previous(cluster, b, cur, rendered, now, State.ROLLED_BACK, p.reason());
    }
    ManifestSet manifests;
    try {
      manifests = render(b, cluster);
    } catch (RenderException | RuntimeException e) {
      String why = "render of revision " + b.revision().shortId() + " failed: " + e.getMessage();
      if (decision instanceof RolloutDecision.Wait w) {
        return previous(cluster, b, cur, rendered, now, State.WAITING, w.reason() + "; " + why);
      }
      return new Served(keep(cluster, b.name(), cur, State.ERROR, why, now), b);
    }
    String digest = manifests.digest().hex();
    if (cur != null && cur.served() && cur.digest().equals(digest)) {
      // same content: keep the revision it first appeared in, so unrelated commits change nothing
      return new Served(
          new Assignment(
              cluster.id(), b.name(), cur.revision(), digest, State.ASSIGNED, "", cur.updatedAt()),
          b);
    }
    if (decision instanceof RolloutDecision.Wait w) {
      return previous(cluster, b, cur, rendered, now, State.WAITING, w.reason());
    }
    rendered.add(manifests);
    return new Served(
        new Assignment(cluster.id(), b.name(), b.revision().id(), digest, State.ASSIGNED, "", now),
        b);
  }

  /**
   * Serves the bundle's previous good revision ({@code state} WAITING or ROLLED_BACK): nothing if
   * that revision does not target the cluster, and what the cluster has when there is no previous
   * revision or it cannot be rendered.
   */
  private Served previous(
      ClusterRecord cluster,
      BundleSnapshot b,
      Assignment cur,
      List<ManifestSet> rendered,
      Instant now,
      State state,
      String why) {
    if (b.previous().isEmpty()) {
      String more = state == State.ROLLED_BACK ? "; the previous revision cannot be read" : "";
      return new Served(keep(cluster, b.name(), cur, state, why + more, now), b);
    }
    BundleSnapshot p = b.previous().get();
    if (!(TargetDecision.decide(p.spec(), cluster.labels(), cluster.facts())
        instanceof TargetDecision.Targeted)) {
      String more = "; revision " + p.revision().shortId() + " does not deploy it here";
      return new Served(new Assignment(cluster.id(), b.name(), "", "", state, why + more, now), p);
    }
    ManifestSet manifests;
    try {
      manifests = render(p, cluster);
    } catch (RenderException | RuntimeException e) {
      String more = "; render of revision " + p.revision().shortId() + " failed: " + e.getMessage();
      return new Served(keep(cluster, b.name(), cur, State.ERROR, why + more, now), b);
    }
    String digest = manifests.digest().hex();
    if (cur != null && cur.served() && cur.digest().equals(digest)) {
      return new Served(
          new Assignment(
              cluster.id(), b.name(), cur.revision(), digest, state, why, cur.updatedAt()),
          p);
    }
    rendered.add(manifests);
    return new Served(
        new Assignment(cluster.id(), b.name(), p.revision().id(), digest, state, why, now), p);
  }

  private ManifestSet render(BundleSnapshot b, ClusterRecord cluster) throws RenderException {
    return renderer.render(
        new RenderRequest(
            b.tree(),
            b.revision(),
            b.spec(),
            new ClusterVars(cluster.name(), cluster.id(), cluster.labels())));
  }

  /** What the cluster has (if anything), in {@code state}. */
  private static Assignment keep(
      ClusterRecord cluster, String bundle, Assignment cur, State state, String why, Instant now) {
    return cur != null && cur.served()
        ? new Assignment(cluster.id(), bundle, cur.revision(), cur.digest(), state, why, now)
        : new Assignment(cluster.id(), bundle, "", "", state, why, now);
  }
}
