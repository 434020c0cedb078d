package dev.flotilla.agent.kube;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flotilla.model.KubeObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KubeCluster} must do, run against the in-memory cluster and a real API server.
 * Each test works in a namespace of its own. Where the real server acts asynchronously (namespace
 * deletion, CRD establishment) the contract waits for the outcome; the in-memory cluster is there
 * at once.
 */
public abstract class KubeClusterContract {
  protected String ns;

  /** The cluster under test; the same instance for one test. */
  protected abstract KubeCluster cluster();

  /** A cluster of the same implementation whose API cannot be reached. */
  protected abstract KubeCluster unreachableCluster();

  @BeforeEach
  void createNamespace() {
    ns = unique("contract");
    cluster().apply(ApplyRequest.of(Manifests.namespace(ns), false));
  }

  @AfterEach
  void deleteNamespace() {
    cluster().delete(Manifests.namespace(ns).ref());
  }

  protected static ConditionFactory eventually() {
    // the first look is immediate: on the in-memory cluster it already holds, so nothing sleeps
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100));
  }

  @Test
  void resolvesBuiltinKindsWithTheirScope() {
    assertThat(cluster().resolve("apps/v1", "Deployment"))
        .isEqualTo(new ResourceKind("apps/v1", "Deployment", "deployments", true));
    assertThat(cluster().resolve("v1", "Namespace").namespaced()).isFalse();
    assertThat(cluster().resolve("rbac.authorization.k8s.io/v1", "ClusterRole").namespaced())
        .isFalse();
    assertThat(cluster().resolve("networking.k8s.io/v1", "NetworkPolicy").plural())
        .isEqualTo("networkpolicies");
  }

  @Test
  void unknownKindsAreUnknownKind() {
    assertThatThrownBy(() -> cluster().resolve("nope.flotilla.dev/v1", "Thing"))
        .isInstanceOf(KubeException.UnknownKind.class)
        .hasMessageContaining("Thing");
    KubeObject thing = Manifests.object("nope.flotilla.dev/v1", "Thing", ns, "t", Map.of());
    assertThatThrownBy(() -> cluster().apply(ApplyRequest.of(thing, false)))
        .isInstanceOf(KubeException.UnknownKind.class);
  }

  @Test
  void applyCreatesTheObjectAndRecordsItsFieldManager() {
    KubeObject stored =
        cluster().apply(ApplyRequest.of(configMap(ns, "c", Map.of("a", "1")), false));

    assertThat(stored.at("data.a")).contains("1");
    assertThat(stored.at("metadata.uid")).isPresent();
    assertThat(stored.at("metadata.creationTimestamp")).isPresent();
    assertThat(resourceVersion(stored)).isNotBlank();
    assertThat(managers(stored)).containsExactly("flotilla/Apply");
    assertThat(cluster().get(stored.ref()).map(KubeObject::body)).contains(stored.body());
  }

  @Test
  void reapplyingTheSameObjectWritesNothing() {
    KubeObject cm = configMap(ns, "c", Map.of("a", "1"));
    String first = resourceVersion(cluster().apply(ApplyRequest.of(cm, false)));

    String second = resourceVersion(cluster().apply(ApplyRequest.of(cm, false)));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void dryRunShowsTheResultWithoutStoringIt() {
    KubeObject v1 = configMap(ns, "c", Map.of("a", "1"));
    KubeObject created = cluster().apply(ApplyRequest.dryRun(v1, false));
    assertThat(created.at("data.a")).contains("1");
    assertThat(created.at("metadata.resourceVersion")).isEmpty();
    assertThat(cluster().get(v1.ref())).isEmpty();

    KubeObject live = cluster().apply(ApplyRequest.of(v1, false));
    KubeObject updated =
        cluster().apply(ApplyRequest.dryRun(configMap(ns, "c", Map.of("a", "2")), false));
    assertThat(updated.at("data.a")).contains("2");
    assertThat(resourceVersion(updated)).isEqualTo(resourceVersion(live));
    assertThat(cluster().get(v1.ref()).flatMap(o -> o.at("data.a"))).contains("1");
  }

  @Test
  void fieldsNoLongerAppliedAreRemoved() {
    cluster().apply(ApplyRequest.of(configMap(ns, "c", Map.of("a", "1", "b", "2")), false));

    KubeObject after =
        cluster().apply(ApplyRequest.of(configMap(ns, "c", Map.of("a", "1")), false));

    assertThat(after.at("data")).contains(Map.of("a", "1"));
  }

  @Test
  void droppingEveryFieldLeavesNoEmptyMapsBehind() {
    KubeObject full = Manifests.withLabel(configMap(ns, "c", Map.of("a", "1")), "app", "web");
    cluster().apply(ApplyRequest.of(full, false));

    KubeObject bare = Manifests.object("v1", "ConfigMap", ns, "c", Map.of());
    KubeObject after = cluster().apply(ApplyRequest.of(bare, false));

    assertThat(after.at("data")).isEmpty();
    assertThat(after.labels()).isEmpty();
    assertThat(managers(after)).isEmpty();
  }

  @Test
  void aContainerNoLongerAppliedGoesWhileAnotherManagersStays() {
    KubeObject two = Manifests.deployment(ns, "web", "nginx:1.25", 1);
    Map<String, Object> body = two.mutableBody();
    containers(body).add(Map.of("name", "side", "image", "busybox:1.36"));
    cluster().apply(ApplyRequest.of(KubeObject.of(body), false));
    Map<String, Object> extra = Manifests.deployment(ns, "web", "nginx:1.25", 1).mutableBody();
    extra.put(
        "spec",
        Map.of(
            "template",
            Map.of(
                "spec",
                Map.of("containers", List.of(Map.of("name", "extra", "image", "redis:7"))))));
    cluster().apply(ApplyRequest.of(KubeObject.of(extra), false).as("kubectl"));

    KubeObject after = cluster().apply(ApplyRequest.of(two, false));

    assertThat(containerImages(after)).containsExactly("nginx:1.25", "redis:7");
  }

  @Test
  void fieldsOfOtherManagersSurviveReapply() {
    KubeObject mine = configMap(ns, "c", Map.of("a", "1"));
    cluster().apply(ApplyRequest.of(mine, false));
    KubeObject theirs = Manifests.withLabel(configMap(ns, "c", Map.of()), "team", "ops");
    cluster().apply(ApplyRequest.of(theirs, false).as("kubectl"));

    KubeObject after = cluster().apply(ApplyRequest.of(mine, false));

    assertThat(after.labels()).containsEntry("team", "ops");
    assertThat(after.at("data.a")).contains("1");
    assertThat(managers(after)).containsExactlyInAnyOrder("flotilla/Apply", "kubectl/Apply");
  }

  @Test
  void changingAFieldAnotherManagerOwnsConflictsUnlessForced() {
    cluster().apply(ApplyRequest.of(configMap(ns, "c", Map.of("a", "1")), false));
    KubeObject theirs = configMap(ns, "c", Map.of("a", "2"));

    assertThatThrownBy(() -> cluster().apply(ApplyRequest.of(theirs, false).as("kubectl")))
        .isInstanceOf(KubeException.Conflict.class)
        .hasMessageContaining("flotilla")
        .hasMessageContaining(".data.a");
    assertThat(cluster().get(theirs.ref()).flatMap(o -> o.at("data.a"))).contains("1");

    KubeObject forced = cluster().apply(ApplyRequest.of(theirs, true).as("kubectl"));
    assertThat(forced.at("data.a")).contains("2");
    assertThat(managers(forced)).containsExactly("kubectl/Apply");
  }

  @Test
  void removingAManagersEntryLeavesItsFieldsToTheNextApply() {
    KubeObject mine = configMap(ns, "c", Map.of("a", "1"));
    cluster().apply(ApplyRequest.of(mine, false));
    KubeObject operator = Manifests.withLabel(configMap(ns, "c", Map.of()), "team", "ops");
    cluster().apply(ApplyRequest.of(operator, false).as("config-operator"));
    cluster().apply(ApplyRequest.of(configMap(ns, "c", Map.of("a", "2")), true).as("kubectl"));
    ManagedFieldsEntry kubectl = new ManagedFieldsEntry("kubectl", ManagedFieldsEntry.APPLY, "");

    KubeObject cleaned = cluster().removeManagedFields(mine.ref(), Set.of(kubectl));

    assertThat(managers(cleaned)).containsExactly("config-operator/Apply");
    assertThat(cleaned.at("data.a")).contains("2");
    KubeObject after = cluster().apply(ApplyRequest.of(mine, false));
    assertThat(after.at("data.a")).contains("1");
    assertThat(after.labels()).containsEntry("team", "ops");
    assertThat(managers(after))
        .containsExactlyInAnyOrder("config-operator/Apply", "flotilla/Apply");
    assertThatThrownBy(
            () ->
                cluster()
                    .removeManagedFields(
                        mine.ref(),
                        Set.of(
                            new ManagedFieldsEntry("flotilla", ManagedFieldsEntry.APPLY, ""),
                            new ManagedFieldsEntry(
                                "config-operator", ManagedFieldsEntry.APPLY, ""))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void removingEntriesAnObjectDoesNotHaveWritesNothing() {
    KubeObject stored =
        cluster().apply(ApplyRequest.of(configMap(ns, "c", Map.of("a", "1")), false));

    KubeObject same =
        cluster()
            .removeManagedFields(
                stored.ref(),
                Set.of(new ManagedFieldsEntry("kubectl-edit", ManagedFieldsEntry.UPDATE, "")));

    assertThat(resourceVersion(same)).isEqualTo(resourceVersion(stored));
    assertThat(managers(same)).containsExactly("flotilla/Apply");
    assertThatThrownBy(
            () ->
                cluster()
                    .removeManagedFields(
                        configMap(ns, "absent", Map.of()).ref(),
                        Set.of(new ManagedFieldsEntry("kubectl", ManagedFieldsEntry.APPLY, ""))))
        .isInstanceOf(KubeException.Invalid.class);
  }

  @Test
  void applyingTheSameValueSharesTheFieldWithoutConflict() {
    KubeObject cm = configMap(ns, "c", Map.of("a", "1"));
    cluster().apply(ApplyRequest.of(cm, false));

    KubeObject shared = cluster().apply(ApplyRequest.of(cm, false).as("kubectl"));

    assertThat(managers(shared)).containsExactlyInAnyOrder("flotilla/Apply", "kubectl/Apply");
  }

  @Test
  void containersMergeByNameAndConflictPerContainer() {
    KubeObject web = Manifests.deployment(ns, "web", "nginx:1.25", 1);
    cluster().apply(ApplyRequest.of(web, false));
    KubeObject sidecar = sidecarOnly(web);

    KubeObject both = cluster().apply(ApplyRequest.of(sidecar, false).as("kubectl"));
    assertThat(containerImages(both)).containsExactly("nginx:1.25", "busybox:1.36");

    KubeObject reapplied = cluster().apply(ApplyRequest.of(web, false));
    assertThat(containerImages(reapplied)).containsExactly("nginx:1.25", "busybox:1.36");

    KubeObject otherImage = Manifests.deployment(ns, "web", "nginx:1.26", 1);
    assertThatThrownBy(() -> cluster().apply(ApplyRequest.of(otherImage, false).as("kubectl")))
        .isInstanceOf(KubeException.Conflict.class)
        .hasMessageContaining("image");
  }

  @Test
  void generationFollowsSpecChangesOnly() {
    KubeObject web = Manifests.deployment(ns, "web", "nginx:1.25", 1);
    assertThat(cluster().apply(ApplyRequest.of(web, false)).at("metadata.generation")).contains(1);

    KubeObject labelled = Manifests.withLabel(web, "tier", "edge");
    assertThat(cluster().apply(ApplyRequest.of(labelled, false)).at("metadata.generation"))
        .contains(1);

    KubeObject scaled =
        Manifests.withLabel(Manifests.deployment(ns, "web", "nginx:1.25", 2), "tier", "edge");
    assertThat(cluster().apply(ApplyRequest.of(scaled, false)).at("metadata.generation"))
        .contains(2);
  }

  @Test
  void statusInAnApplyOfAWorkloadIsIgnored() {
    Map<String, Object> body = Manifests.deployment(ns, "web", "nginx:1.25", 1).mutableBody();
    body.put("status", Map.of("replicas", 99));

    KubeObject stored = cluster().apply(ApplyRequest.of(KubeObject.of(body), false));

    assertThat(stored.at("status.replicas")).isNotEqualTo(Optional.of(99));
  }

  @Test
  void namespacedObjectsNeedAnExistingNamespace() {
    KubeObject orphan = configMap(unique("missing"), "c", Map.of("a", "1"));

    assertThatThrownBy(() -> cluster().apply(ApplyRequest.of(orphan, false)))
        .isInstanceOf(KubeException.Invalid.class)
        .hasMessageContaining("not found");
  }

  @Test
  void objectsTheServerRejectsAreInvalid() {
    KubeObject badName = configMap(ns, "Bad_Name", Map.of("a", "1"));
    assertThatThrownBy(() -> cluster().apply(ApplyRequest.of(badName, false)))
        .isInstanceOf(KubeException.Invalid.class)
        .hasMessageContaining("Bad_Name");

    KubeObject notAString = configMap(ns, "c", Map.of("a", 1));
    assertThatThrownBy(() -> cluster().apply(ApplyRequest.of(notAString, false)))
        .isInstanceOf(KubeException.Invalid.class);
  }

  @Test
  void clusterScopedObjectsIgnoreAStrayNamespace() {
    String name = unique("contract-role");
    KubeObject role = Manifests.clusterRole(name).withNamespace(ns);
    try {
      KubeObject stored = cluster().apply(ApplyRequest.of(role, false));
      assertThat(stored.namespace()).isEmpty();
      assertThat(cluster().get(Manifests.clusterRole(name).ref())).isPresent();
    } finally {
      cluster().delete(Manifests.clusterRole(name).ref());
    }
  }

  @Test
  void listReturnsTheObjectsOfOneNamespaceOrAll() {
    cluster().apply(ApplyRequest.of(configMap(ns, "one", Map.of()), false));
    cluster().apply(ApplyRequest.of(configMap(ns, "two", Map.of()), false));
    ResourceKind configMaps = cluster().resolve("v1", "ConfigMap");

    assertThat(cluster().list(configMaps, ns)).extracting(KubeObject::name).contains("one", "two");
    assertThat(cluster().list(configMaps, "")).extracting(KubeObject::namespace).contains(ns);
  }

  @Test
  void deleteSaysWhetherTheObjectExisted() {
    KubeObject cm = configMap(ns, "c", Map.of());
    cluster().apply(ApplyRequest.of(cm, false));

    assertThat(cluster().delete(cm.ref())).isTrue();
    assertThat(cluster().get(cm.ref())).isEmpty();
    assertThat(cluster().delete(cm.ref())).isFalse();
  }

  @Test
  void deletingANamespaceDeletesItsObjects() {
    String other = unique("contract-gone");
    cluster().apply(ApplyRequest.of(Manifests.namespace(other), false));
    KubeObject cm = configMap(other, "c", Map.of());
    cluster().apply(ApplyRequest.of(cm, false));

    cluster().delete(Manifests.namespace(other).ref());

    eventually().until(() -> cluster().get(cm.ref()).isEmpty());
    eventually().until(() -> cluster().get(Manifests.namespace(other).ref()).isEmpty());
  }

  @Test
  void anAppliedCrdServesItsKindOnceEstablished() {
    String group = unique("g") + ".contract.flotilla.dev";
    KubeObject crd = Manifests.crd(group, "Widget", "widgets");
    try {
      cluster().apply(ApplyRequest.of(crd, false));
      eventually().until(() -> isEstablished(cluster().get(crd.ref()).orElseThrow()));
      eventually()
          .ignoreExceptionsInstanceOf(KubeException.UnknownKind.class)
          .until(() -> cluster().resolve(group + "/v1", "Widget").namespaced());

      KubeObject widget = Manifests.customResource(group, "Widget", ns, "w", 3);
      KubeObject stored = cluster().apply(ApplyRequest.of(widget, false));
      assertThat(stored.at("spec.size")).contains(3);
      assertThat(stored.at("metadata.generation")).contains(1);
      assertThat(cluster().resolve(group + "/v1", "Widget").plural()).isEqualTo("widgets");
    } finally {
      cluster().delete(crd.ref());
    }
    // Deleting the CRD deletes its resources. A cached discovery may go on resolving the kind
    // until a request for it fails (as controller-runtime's mapper does), so this looks for the
    // resource, not at discovery.
    KubeObject widget = Manifests.customResource(group, "Widget", ns, "w", 3);
    eventually().until(() -> isGone(widget));
  }

  private boolean isGone(KubeObject object) {
    try {
      return cluster().get(object.ref()).isEmpty();
    } catch (KubeException.UnknownKind e) {
      return true;
    }
  }

  @Test
  void infoReportsVersionNodesAndRuntimeClasses() {
    String node = "a-" + unique("contract-node");
    String runtime = unique("contract-wasm");
    KubeObject nodeObject =
        Manifests.object(
            "v1",
            "Node",
            "",
            node,
            Map.of(
                "metadata", Map.of("name", node, "labels", Map.of(ClusterInfo.ARCH_LABEL, "arm64")),
                "status", Map.of("allocatable", Map.of("memory", "2Gi"))));
    KubeObject runtimeClass =
        Manifests.object(
            "node.k8s.io/v1", "RuntimeClass", "", runtime, Map.of("handler", "wasmtime"));
    try {
      cluster().apply(ApplyRequest.of(nodeObject, false));
      cluster().apply(ApplyRequest.of(runtimeClass, false));

      ClusterInfo info = cluster().info();

      assertThat(info.gitVersion()).startsWith("v1.");
      assertThat(info.nodes()).isPositive();
      assertThat(info.memoryMiB()).isGreaterThanOrEqualTo(2048);
      assertThat(info.arch()).isEqualTo("arm64");
      assertThat(info.runtimeClasses()).contains(runtime);
    } finally {
      cluster().delete(nodeObject.ref());
      cluster().delete(runtimeClass.ref());
    }
  }

  @Test
  void callsToAnUnreachableApiAreUnavailable() {
    try (KubeCluster down = unreachableCluster()) {
      assertThatThrownBy(() -> down.resolve("v1", "ConfigMap"))
          .isInstanceOf(KubeException.Unavailable.class);
      assertThatThrownBy(down::info).isInstanceOf(KubeException.Unavailable.class);
    }
  }

  protected static boolean isEstablished(KubeObject crd) {
    return crd.at("status.conditions").stream()
        .flatMap(c -> ((List<?>) c).stream())
        .map(c -> (Map<?, ?>) c)
        .anyMatch(c -> "Established".equals(c.get("type")) && "True".equals(c.get("status")));
  }

  protected static String resourceVersion(KubeObject o) {
    return o.at("metadata.resourceVersion").map(String::valueOf).orElse("");
  }

  protected static List<String> managers(KubeObject o) {
    return o.at("metadata.managedFields").stream()
        .flatMap(l -> ((List<?>) l).stream())
        .map(e -> (Map<?, ?>) e)
        .map(e -> e.get("manager") + "/" + e.get("operation"))
        .toList();
  }

  protected static List<String> containerImages(KubeObject o) {
    return o.at("spec.template.spec.containers").stream()
        .flatMap(l -> ((List<?>) l).stream())
        .map(c -> String.valueOf(((Map<?, ?>) c).get("image")))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> containers(Map<String, Object> deployment) {
    Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
    List<Object> containers = new java.util.ArrayList<>((List<Object>) podSpec.get("containers"));
    podSpec.put("containers", containers);
    return containers;
  }

  private static KubeObject sidecarOnly(KubeObject deployment) {
    Map<String, Object> body = deployment.mutableBody();
    Map<String, Object> sidecar = Map.of("name", "sidecar", "image", "busybox:1.36");
    body.put("spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(sidecar)))));
    return KubeObject.of(body);
  }
}
