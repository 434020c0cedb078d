package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static dev.flotilla.agent.kube.Manifests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.agent.kube.fabric8.Fabric8Cluster;
import dev.flotilla.agent.kube.fabric8.RealApiServer;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The apply engine against a real kube-apiserver, each test in a namespace of its own. */
@ExtendWith(RealApiServer.class)
class BundleApplierIT {
  private static final BundleOptions FORCE = new BundleOptions(true, true, List.of());

  private Fabric8Cluster cluster;
  private BundleApplier applier;
  private String ns;
  private String bundle;

  @BeforeEach
  void connect() {
    cluster = Fabric8Cluster.fromKubeconfig(RealApiServer.kubeconfig());
    applier = new BundleApplier(cluster, Clock.systemUTC(), Sleeper.REAL);
    ns = unique("it");
    bundle = ns;
  }

  @AfterEach
  void cleanUp() {
    cluster.delete(namespace(ns).ref());
    cluster.close();
  }

  private List<KubeObject> app(String mode) {
    return List.of(
        Manifests.deployment(ns, "web", "nginx:1.25", 1),
        Manifests.service(ns, "web", 80),
        configMap(ns, "web-config", Map.of("mode", mode)),
        Manifests.serviceAccount(ns, "web"),
        namespace(ns));
  }

  @Test
  void appliesThenFindsEverythingUnchanged() {
    BundleResult first =
        applier.apply(bundle, app("edge"), BundleOptions.DEFAULT, Inventory.empty());
    assertThat(first.errors()).isEmpty();
    assertThat(first.changes().entries())
        .extracting(e -> e.ref().kind() + ":" + e.action())
        .containsExactly(
            "Namespace:CREATED",
            "ServiceAccount:CREATED",
            "ConfigMap:CREATED",
            "Service:CREATED",
            "Deployment:CREATED");
    String version = resourceVersion(configMap(ns, "web-config", Map.of()));

    BundleResult second =
        applier.apply(bundle, app("edge"), BundleOptions.DEFAULT, first.inventory());

    assertThat(second.changes().entries())
        .extracting(ChangeSetEntry::action)
        .containsOnly(Action.UNCHANGED);
    assertThat(resourceVersion(configMap(ns, "web-config", Map.of()))).isEqualTo(version);
    assertThat(second.inventory()).isEqualTo(first.inventory());
    assertThat(cluster.get(namespace(ns).ref()).orElseThrow().labels())
        .containsEntry(BundleLabels.BUNDLE, bundle);
  }

  @Test
  void configuresWhatChangedAndPrunesWhatWentAway() {
    BundleResult first =
        applier.apply(bundle, app("edge"), BundleOptions.DEFAULT, Inventory.empty());
    List<KubeObject> changed = new ArrayList<>(app("lab"));
    changed.removeIf(o -> o.kind().equals("Service"));

    BundleResult second = applier.apply(bundle, changed, BundleOptions.DEFAULT, first.inventory());

    assertThat(second.changes().entries())
        .extracting(e -> e.ref().kind() + ":" + e.action() + ":" + e.message())
        .containsExactly(
            "Namespace:UNCHANGED:",
            "ServiceAccount:UNCHANGED:",
            "ConfigMap:CONFIGURED:data.mode",
            "Deployment:UNCHANGED:",
            "Service:DELETED:");
    assertThat(cluster.get(Manifests.service(ns, "web", 80).ref())).isEmpty();
    assertThat(second.inventory().entries()).hasSize(4);
  }

  @Test
  void pruneSparesOptedOutAndForeignObjects() {
    KubeObject keep =
        Manifests.withAnnotation(configMap(ns, "keep", Map.of()), BundleLabels.PRUNE, "disabled");
    KubeObject drop = configMap(ns, "drop", Map.of());
    BundleResult first =
        applier.apply(
            bundle, List.of(namespace(ns), keep, drop), BundleOptions.DEFAULT, Inventory.empty());
    KubeObject foreign = configMap(ns, "foreign", Map.of());
    cluster.apply(ApplyRequest.of(foreign, false).as("kubectl"));

    BundleResult second =
        applier.apply(bundle, List.of(namespace(ns)), BundleOptions.DEFAULT, first.inventory());

    assertThat(second.changes().entry(keep.ref()).map(ChangeSetEntry::action))
        .contains(Action.SKIPPED);
    assertThat(second.changes().entry(drop.ref()).map(ChangeSetEntry::action))
        .contains(Action.DELETED);
    assertThat(cluster.get(keep.ref())).isPresent();
    assertThat(cluster.get(drop.ref())).isEmpty();
    assertThat(cluster.get(foreign.ref())).isPresent();
  }

  @Test
  void correctsDriftMadeByOtherManagers() throws Exception {
    List<KubeObject> objects = app("edge");
    applier.apply(bundle, objects, FORCE, Inventory.empty());
    try (KubernetesClient kubectl =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(RealApiServer.kubeconfig())))
            .build()) {
      kubectl
          .genericKubernetesResources("v1", "ConfigMap")
          .inNamespace(ns)
          .withName("web-config")
          .edit(
              r -> {
                r.setAdditionalProperty("data", Map.of("mode", "hacked"));
                return r;
              });
    }
    cluster.delete(Manifests.serviceAccount(ns, "web").ref());

    DriftReport report = applier.correctDrift(bundle, objects, FORCE);

    assertThat(report.drifts())
        .extracting(d -> d.ref().kind() + ":" + d.kind() + ":" + d.fields() + ":" + d.corrected())
        .containsExactlyInAnyOrder(
            "ServiceAccount:MISSING:[]:true", "ConfigMap:MODIFIED:[data.mode]:true");
    assertThat(
            cluster.get(configMap(ns, "web-config", Map.of()).ref()).orElseThrow().at("data.mode"))
        .contains("edge");
    assertThat(applier.correctDrift(bundle, objects, FORCE).drifted()).isFalse();
  }

  @Test
  void aConflictFailsWithoutForceAndWinsWithIt() {
    applier.apply(bundle, List.of(namespace(ns)), BundleOptions.DEFAULT, Inventory.empty());
    cluster.apply(
        ApplyRequest.of(configMap(ns, "shared", Map.of("owner", "ops")), false)
            .as("config-operator"));
    List<KubeObject> objects =
        List.of(namespace(ns), configMap(ns, "shared", Map.of("owner", "flotilla")));

    BundleResult polite = applier.apply(bundle, objects, BundleOptions.DEFAULT, Inventory.empty());
    assertThat(polite.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains("conflict")
                    .contains("config-operator")
                    .contains(".data.owner"));

    BundleResult forced = applier.apply(bundle, objects, FORCE, polite.inventory());
    assertThat(forced.errors()).isEmpty();
    assertThat(cluster.get(objects.get(1).ref()).orElseThrow().at("data.owner"))
        .contains("flotilla");
  }

  @Test
  void appliesACrdAndItsCustomResourceInOneRunThenRemovesBoth() {
    String group = unique("g") + ".it.flotilla.dev";
    KubeObject crd = Manifests.crd(group, "Widget", "widgets");
    KubeObject widget = Manifests.customResource(group, "Widget", ns, "w", 3);
    List<KubeObject> objects = List.of(widget, configMap(ns, "c", Map.of()), crd, namespace(ns));
    try {
      BundleResult result =
          applier.apply(bundle, objects, BundleOptions.DEFAULT, Inventory.empty());

      assertThat(result.errors()).isEmpty();
      assertThat(result.changes().entries())
          .extracting(e -> e.ref().kind())
          .containsExactly("CustomResourceDefinition", "Namespace", "ConfigMap", "Widget");
      assertThat(cluster.get(widget.ref()).orElseThrow().at("spec.size")).contains(3);
      assertThat(result.health().state()).isEqualTo(BundleHealth.State.READY);

      ChangeSet removed = applier.remove(bundle, result.inventory());
      assertThat(removed.entries()).extracting(ChangeSetEntry::action).containsOnly(Action.DELETED);
      assertThat(removed.entries().get(removed.entries().size() - 1).ref()).isEqualTo(crd.ref());
    } finally {
      cluster.delete(crd.ref());
    }
  }

  @Test
  void anUnknownKindFailsOnlyItsObjectAndWorkloadsWithoutNodesKeepProgressing() {
    List<KubeObject> objects = new ArrayList<>(app("edge"));
    objects.add(Manifests.object("nope.flotilla.dev/v1", "Thing", ns, "t", Map.of()));

    BundleResult result = applier.apply(bundle, objects, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.ref().kind()).isEqualTo("Thing"));
    assertThat(result.inventory().entries()).hasSize(5);
    // this API server runs no scheduler and no kubelet: the Deployment never becomes available
    BundleHealth health = applier.health(result.inventory());
    assertThat(health.state()).isEqualTo(BundleHealth.State.PROGRESSING);
    assertThat(health.messages())
        .singleElement()
        .asString()
        .startsWith("Deployment.apps/" + ns + "/web IN_PROGRESS");
  }

  private String resourceVersion(KubeObject o) {
    return cluster
        .get(o.ref())
        .orElseThrow()
        .at("metadata.resourceVersion")
        .map(String::valueOf)
        .orElse("");
  }
}
