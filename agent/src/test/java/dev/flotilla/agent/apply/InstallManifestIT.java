package dev.flotilla.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.fabric8.Fabric8Cluster;
import dev.flotilla.agent.kube.fabric8.RealApiServer;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.Digest;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.protocol.blob.ManifestParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/flotilla-agent.yaml} on a real kube-apiserver: applied by an admin, then the apply
 * engine runs with the agent's ServiceAccount token. It can apply a bundle in its namespace and
 * read the facts it reports; it is forbidden in any other namespace and for cluster-scoped objects.
 */
@ExtendWith(RealApiServer.class)
class InstallManifestIT {
  static Fabric8Cluster admin;
  static Fabric8Cluster agent;
  @TempDir static Path dir;

  static Path manifest() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("deploy/flotilla-agent.yaml");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new AssertionError("deploy/flotilla-agent.yaml not found");
  }

  @BeforeAll
  static void install() throws Exception {
    admin = Fabric8Cluster.fromKubeconfig(RealApiServer.kubeconfig());
    byte[] yaml = Files.readAllBytes(manifest());
    List<KubeObject> objects = ManifestParser.parse(Digest.of(yaml), yaml);
    List<KubeObject> ordered =
        objects.stream()
            .sorted(java.util.Comparator.comparing(KubeObject::ref, ApplyOrder.APPLY))
            .toList();
    for (KubeObject o : ordered) {
      admin.apply(new ApplyRequest(o, ApplyRequest.FIELD_MANAGER, true, false));
    }
    // the token controller gives the ServiceAccount a token Secret (Kubernetes <= 1.23)
    String token =
        Awaitility.await()
            .atMost(Duration.ofMinutes(1))
            .until(InstallManifestIT::serviceAccountToken, Optional::isPresent)
            .orElseThrow();
    agent = Fabric8Cluster.fromKubeconfig(kubeconfigWith(token));
  }

  @AfterAll
  static void close() {
    if (agent != null) {
      agent.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private static Optional<String> serviceAccountToken() {
    return admin.list(admin.resolve("v1", "Secret"), "flotilla-system").stream()
        .filter(s -> "kubernetes.io/service-account-token".equals(s.body().get("type")))
        .filter(
            s -> "flotilla-agent".equals(s.annotations().get("kubernetes.io/service-account.name")))
        .map(s -> ((Map<?, ?>) s.body().get("data")).get("token"))
        .filter(t -> t != null)
        .map(t -> new String(Base64.getDecoder().decode(t.toString()), StandardCharsets.UTF_8))
        .findFirst();
  }

  private static Path kubeconfigWith(String token) throws Exception {
    String adminConfig = Files.readString(RealApiServer.kubeconfig());
    String server =
        adminConfig.lines().filter(l -> l.contains("server:")).findFirst().orElseThrow();
    String cluster = server.substring(server.indexOf('{') + 1, server.lastIndexOf('}'));
    Path file = dir.resolve("agent-kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: edge
          cluster: {%s}
        users:
        - name: flotilla-agent
          user: {token: %s}
        contexts:
        - name: edge
          context: {cluster: edge, user: flotilla-agent}
        current-context: edge
        """
            .formatted(cluster, token));
    return file;
  }

  private static KubeObject object(
      String apiVersion, String kind, String ns, String name, Map<String, Object> extra) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("apiVersion", apiVersion);
    body.put("kind", kind);
    body.put(
        "metadata", ns.isEmpty() ? Map.of("name", name) : Map.of("name", name, "namespace", ns));
    body.putAll(extra);
    return KubeObject.of(body);
  }

  @Test
  void theAgentAppliesABundleInItsNamespace() {
    BundleApplier applier = new BundleApplier(agent, Clock.systemUTC(), Sleeper.REAL);
    List<KubeObject> bundle =
        List.of(
            object("v1", "Namespace", "", "flotilla-apps", Map.of()),
            object(
                "v1", "ConfigMap", "flotilla-apps", "settings", Map.of("data", Map.of("a", "1"))),
            object("v1", "Secret", "flotilla-apps", "db", Map.of("stringData", Map.of("p", "x"))),
            object("v1", "ServiceAccount", "flotilla-apps", "app", Map.of()));

    BundleResult r =
        applier.apply(
            "apps",
            bundle,
            new BundleOptions(false, true, List.of("flotilla-apps")),
            Inventory.fromStrings(List.of()));

    assertThat(r.errors()).isEmpty();
    assertThat(agent.get(new ObjectRef("v1", "ConfigMap", "flotilla-apps", "settings")))
        .isPresent();
    assertThat(agent.info()).isNotNull(); // nodes and runtime classes: the facts it reports
  }

  @Test
  void theAgentIsForbiddenOutsideItsNamespaces() {
    BundleApplier applier = new BundleApplier(agent, Clock.systemUTC(), Sleeper.REAL);
    for (KubeObject o :
        List.of(
            object("v1", "ConfigMap", "default", "escape", Map.of("data", Map.of("a", "1"))),
            object("v1", "Namespace", "", "new-namespace", Map.of()),
            object(
                "rbac.authorization.k8s.io/v1",
                "ClusterRoleBinding",
                "",
                "root",
                Map.of(
                    "roleRef",
                        Map.of(
                            "apiGroup",
                            "rbac.authorization.k8s.io",
                            "kind",
                            "ClusterRole",
                            "name",
                            "cluster-admin"),
                    "subjects",
                        List.of(
                            Map.of(
                                "kind",
                                "ServiceAccount",
                                "name",
                                "flotilla-agent",
                                "namespace",
                                "flotilla-system")))))) {
      BundleResult r =
          applier.apply(
              "escape-" + o.name(),
              List.of(o),
              BundleOptions.DEFAULT,
              Inventory.fromStrings(List.of()));
      assertThat(r.errors()).as(o.toString()).isNotEmpty();
      assertThat(r.errors().get(0).message()).as(o.toString()).containsIgnoringCase("forbidden");
    }
    assertThat(admin.get(new ObjectRef("v1", "ConfigMap", "default", "escape"))).isEmpty();
    assertThat(
            admin.get(
                new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", "root")))
        .isEmpty();
  }

  @Test
  void theAgentCannotReadSecretsElsewhere() {
    try {
      agent.list(agent.resolve("v1", "Secret"), "flotilla-system");
      throw new AssertionError("listing Secrets in flotilla-system must be forbidden");
    } catch (KubeException e) {
      assertThat(e.getMessage()).containsIgnoringCase("forbidden");
    }
  }
}
