package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.deployment;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftCorrectionTest {
  private static final BundleOptions FORCE = new BundleOptions(true, true, List.of());

  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).build();
  private final BundleApplier applier = new BundleApplier(cluster, clock, clock::advance);
  private final KubeObject web = deployment("edge", "web", "nginx:1.25", 2);
  private final KubeObject config = configMap("edge", "web-config", Map.of("mode", "edge"));
  private final List<KubeObject> objects = List.of(namespace("edge"), web, config);

  @BeforeEach
  void applyBundle() {
    applier.apply("web", objects, FORCE, Inventory.empty());
  }

  @Test
  void findsNoDriftWhenNothingChanged() {
    long writes = cluster.applyCount();

    DriftReport report = applier.correctDrift("web", objects, FORCE);

    assertThat(report.drifted()).isFalse();
    assertThat(report.summary()).isEqualTo("no drift");
    assertThat(cluster.applyCount()).isEqualTo(writes);
  }

  @Test
  void restoresAnObjectDeletedBehindFlotillasBack() {
    cluster.delete(config.ref());

    DriftReport report = applier.correctDrift("web", objects, FORCE);

    assertThat(report.drifts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.ref()).isEqualTo(config.ref());
              assertThat(d.kind()).isEqualTo(DriftReport.Drift.Kind.MISSING);
              assertThat(d.corrected()).isTrue();
            });
    assertThat(cluster.get(config.ref())).isPresent();
  }

  @Test
  void restoresFieldsAnotherManagerChanged() {
    cluster.edit(web.ref(), "kubectl-scale", body -> spec(body).put("replicas", 5));

    DriftReport report = applier.correctDrift("web", objects, FORCE);

    assertThat(report.drifts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DriftReport.Drift.Kind.MODIFIED);
              assertThat(d.fields()).containsExactly("spec.replicas");
              assertThat(d.corrected()).isTrue();
            });
    assertThat(cluster.get(web.ref()).orElseThrow().at("spec.replicas")).contains(2);
    assertThat(report.summary()).isEqualTo("1 drifted, 1 restored");
  }

  @Test
  void takesBackFieldsAnInteractiveEditTookWithoutForceConflicts() {
    cluster.edit(web.ref(), "kubectl-edit", body -> spec(body).put("replicas", 7));
    cluster.edit(config.ref(), "kubectl-patch", body -> data(body).put("mode", "debug"));

    DriftReport report = applier.correctDrift("web", objects, BundleOptions.DEFAULT);

    assertThat(report.drifts())
        .extracting(DriftReport.Drift::toString)
        .containsExactlyInAnyOrder(
            config.ref() + " modified data.mode, restored (taken back from kubectl-patch)",
            web.ref() + " modified spec.replicas, restored (taken back from kubectl-edit)");
    assertThat(cluster.get(web.ref()).orElseThrow().at("spec.replicas")).contains(2);
    assertThat(cluster.get(config.ref()).orElseThrow().at("data.mode")).contains("edge");
    assertThat(managers(cluster.get(config.ref()).orElseThrow())).doesNotContain("kubectl-patch");
    assertThat(applier.correctDrift("web", objects, BundleOptions.DEFAULT).drifted()).isFalse();
  }

  @Test
  void takesBackFieldsOfKubectlServerSideApplyWithForceConflicts() {
    cluster.apply(
        ApplyRequest.of(configMap("edge", "web-config", Map.of("mode", "lab")), true)
            .as("kubectl"));

    DriftReport report = applier.correctDrift("web", objects, BundleOptions.DEFAULT);

    assertThat(report.uncorrected()).isEmpty();
    assertThat(cluster.get(config.ref()).orElseThrow().at("data.mode")).contains("edge");
  }

  @Test
  void reportsButDoesNotTakeBackFieldsAControllerTookWithoutForceConflicts() {
    cluster.edit(web.ref(), "autoscaler-operator", body -> spec(body).put("replicas", 4));
    cluster.edit(config.ref(), "kubectl-label", body -> labels(body).put("team", "ops"));

    DriftReport report = applier.correctDrift("web", objects, BundleOptions.DEFAULT);

    assertThat(report.uncorrected())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.ref()).isEqualTo(web.ref());
              assertThat(d.fields()).containsExactly("spec.replicas");
              assertThat(d.message()).contains("autoscaler-operator").contains("forceConflicts");
            });
    assertThat(cluster.get(web.ref()).orElseThrow().at("spec.replicas")).contains(4);
    assertThat(managers(cluster.get(config.ref()).orElseThrow())).contains("kubectl-label");

    DriftReport forced = applier.correctDrift("web", objects, FORCE);
    assertThat(forced.uncorrected()).isEmpty();
    assertThat(cluster.get(web.ref()).orElseThrow().at("spec.replicas")).contains(2);
  }

  @Test
  void ignoresFieldsFlotillaDoesNotManage() {
    cluster.edit(config.ref(), "kubectl-label", body -> labels(body).put("team", "ops"));
    cluster.apply(
        ApplyRequest.of(
                Manifests.withLabel(configMap("edge", "web-config", Map.of()), "env", "lab"), false)
            .as("kubectl"));

    DriftReport report = applier.correctDrift("web", objects, FORCE);

    assertThat(report.drifted()).isFalse();
    assertThat(cluster.get(config.ref()).orElseThrow().labels()).containsKeys("team", "env");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> body) {
    return (Map<String, Object>) body.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> body) {
    return (Map<String, Object>) body.get("data");
  }

  private static List<String> managers(KubeObject o) {
    return ManagedFieldsEntry.of(o).stream().map(ManagedFieldsEntry::manager).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> body) {
    return (Map<String, Object>) ((Map<String, Object>) body.get("metadata")).get("labels");
  }
}
