package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static dev.flotilla.agent.kube.Manifests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.agent.kube.fabric8.Fabric8Cluster;
import dev.flotilla.agent.kube.fabric8.Kubectl;
import dev.flotilla.agent.kube.fabric8.RealApiServer;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift made with the real kubectl against a real kube-apiserver: what people change at a terminal
 * is taken back without forceConflicts, what a controller owns is reported and left alone.
 */
@ExtendWith(RealApiServer.class)
class InteractiveDriftIT {
  private Fabric8Cluster cluster;
  private BundleApplier applier;
  private Kubectl kubectl;
  private String ns;
  private KubeObject web;
  private KubeObject config;
  private List<KubeObject> objects;

  @BeforeEach
  void applyBundle() {
    cluster = Fabric8Cluster.fromKubeconfig(RealApiServer.kubeconfig());
    applier = new BundleApplier(cluster, Clock.systemUTC(), Sleeper.REAL);
    kubectl = new Kubectl(RealApiServer.kubeconfig());
    ns = unique("drift");
    web = Manifests.deployment(ns, "web", "nginx:1.25", 2);
    config = configMap(ns, "web-config", Map.of("mode", "edge-mode-1"));
    objects = List.of(namespace(ns), web, config);
    assertThat(applier.apply(ns, objects, BundleOptions.DEFAULT, Inventory.empty()).errors())
        .isEmpty();
  }

  @AfterEach
  void cleanUp() {
    cluster.delete(namespace(ns).ref());
    cluster.close();
  }

  @Test
  void takesBackKubectlEditScaleAndPatchWithoutForceConflicts() {
    kubectl.run(
        Map.of("KUBE_EDITOR", "sed -i s/edge-mode-1/hacked/"),
        null,
        "-n",
        ns,
        "edit",
        "configmap/web-config");
    kubectl.run("-n", ns, "scale", "deployment/web", "--replicas=5");
    kubectl.run(
        "-n",
        ns,
        "patch",
        "deployment/web",
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:1.26\"}]}}}}");
    kubectl.run("-n", ns, "label", "configmap/web-config", "team=ops");

    DriftReport report = applier.correctDrift(ns, objects, BundleOptions.DEFAULT);

    assertThat(report.uncorrected()).isEmpty();
    assertThat(report.drifts())
        .extracting(DriftReport.Drift::toString)
        .containsExactlyInAnyOrder(
            config.ref()
                + " modified data.mode, restored (taken back from kubectl-edit, kubectl-label)",
            web.ref()
                + " modified spec.replicas, spec.template.spec.containers[0].image, restored (taken back from kubectl-patch)");
    assertThat(live(config).at("data.mode")).contains("edge-mode-1");
    assertThat(live(config).labels()).containsEntry("team", "ops");
    assertThat(live(web).at("spec.replicas")).contains(2);
    assertThat(image(live(web))).isEqualTo("nginx:1.25");
    DriftReport again = applier.correctDrift(ns, objects, BundleOptions.DEFAULT);
    assertThat(again.drifts()).extracting(DriftReport.Drift::toString).isEmpty();
    assertThat(again.drifted()).isFalse();
  }

  @Test
  void takesBackKubectlApplyClientAndServerSide() {
    String hacked =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config, namespace: %s}
        data: {mode: hacked}
        """
            .formatted(ns);
    kubectl.run(Map.of(), hacked, "apply", "-f", "-");
    DriftReport clientSide = applier.correctDrift(ns, objects, BundleOptions.DEFAULT);
    kubectl.run(Map.of(), hacked, "apply", "--server-side", "--force-conflicts", "-f", "-");
    DriftReport serverSide = applier.correctDrift(ns, objects, BundleOptions.DEFAULT);

    assertThat(clientSide.drifts())
        .singleElement()
        .asString()
        .endsWith("restored (taken back from kubectl-client-side-apply)");
    // the annotation client-side apply left behind now belongs to kubectl-last-applied
    assertThat(serverSide.drifts())
        .singleElement()
        .asString()
        .endsWith("restored (taken back from kubectl, kubectl-last-applied)");
    assertThat(live(config).at("data.mode")).contains("edge-mode-1");
  }

  @Test
  void reportsAControllersFieldsAndTakesThemOnlyWithForceConflicts() {
    kubectl.run(
        "-n",
        ns,
        "patch",
        "deployment/web",
        "--field-manager=autoscaler-operator",
        "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:1.27\"}]}}}}");

    DriftReport polite = applier.correctDrift(ns, objects, BundleOptions.DEFAULT);

    assertThat(polite.uncorrected())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.ref()).isEqualTo(web.ref());
              assertThat(d.message()).contains("autoscaler-operator").contains("forceConflicts");
            });
    assertThat(image(live(web))).isEqualTo("nginx:1.27");

    DriftReport forced =
        applier.correctDrift(ns, objects, new BundleOptions(true, true, List.of()));
    assertThat(forced.uncorrected()).isEmpty();
    assertThat(image(live(web))).isEqualTo("nginx:1.25");
  }

  private KubeObject live(KubeObject o) {
    return cluster.get(o.ref()).orElseThrow();
  }

  private static String image(KubeObject deployment) {
    return deployment
        .at("spec.template.spec.containers")
        .map(l -> String.valueOf(((Map<?, ?>) ((List<?>) l).get(0)).get("image")))
        .orElse("");
  }
}
