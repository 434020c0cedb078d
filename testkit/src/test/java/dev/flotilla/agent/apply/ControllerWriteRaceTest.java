package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.deployment;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.ClusterInfo;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A controller writes a field Flotilla does not manage between the agent's read of the live object
 * and its dry run (the Deployment controller's revision annotation, as seen against a real API
 * server): that is not drift.
 */
class ControllerWriteRaceTest {
  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).build();
  private final KubeObject web = deployment("edge", "web", "nginx:1.25", 2);
  private final List<KubeObject> objects = List.of(namespace("edge"), web);

  @Test
  void aControllerWritingBetweenTheReadAndTheDryRunIsNotDrift() {
    new BundleApplier(cluster, clock, clock::advance)
        .apply("web", objects, BundleOptions.DEFAULT, Inventory.empty());
    WritesAfterRead racing = new WritesAfterRead(cluster, web.ref());
    BundleApplier applier = new BundleApplier(racing, clock, clock::advance);

    DriftReport report = applier.correctDrift("web", objects, BundleOptions.DEFAULT);

    assertThat(racing.writes).as("the controller did write in between").isEqualTo(1);
    assertThat(report.drifts()).isEmpty();
  }

  /**
   * The cluster, where a controller annotates {@code target} right after the agent first reads it.
   */
  static final class WritesAfterRead implements KubeCluster {
    final InMemoryCluster cluster;
    final ObjectRef target;
    int writes;

    WritesAfterRead(InMemoryCluster cluster, ObjectRef target) {
      this.cluster = cluster;
      this.target = target;
    }

    @Override
    public Optional<KubeObject> get(ObjectRef ref) {
      Optional<KubeObject> live = cluster.get(ref);
      if (ref.equals(target) && writes == 0) {
        writes++;
        cluster.edit(
            ref,
            "kube-controller-manager",
            body -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
              @SuppressWarnings("unchecked")
              Map<String, Object> annotations =
                  (Map<String, Object>)
                      meta.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
              annotations.put("deployment.kubernetes.io/revision", "2");
            });
      }
      return live;
    }

    @Override
    public ResourceKind resolve(String apiVersion, String kind) {
      return cluster.resolve(apiVersion, kind);
    }

    @Override
    public KubeObject apply(ApplyRequest request) {
      return cluster.apply(request);
    }

    @Override
    public List<KubeObject> list(ResourceKind kind, String namespace) {
      return cluster.list(kind, namespace);
    }

    @Override
    public KubeObject removeManagedFields(ObjectRef ref, Set<ManagedFieldsEntry> entries) {
      return cluster.removeManagedFields(ref, entries);
    }

    @Override
    public boolean delete(ObjectRef ref) {
      return cluster.delete(ref);
    }

    @Override
    public ClusterInfo info() {
      return cluster.info();
    }

    @Override
    public void close() {
      cluster.close();
    }
  }
}
