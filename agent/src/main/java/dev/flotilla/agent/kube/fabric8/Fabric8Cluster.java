package dev.flotilla.agent.kube.fabric8;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.ClusterInfo;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.agent.kube.ObjectScope;
import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real cluster through the fabric8 client: server-side apply as an {@code apply-patch} PATCH of
 * the unstructured object, cached discovery, errors mapped to {@link KubeException}. Thread-safe.
 */
public final class Fabric8Cluster implements KubeCluster {
  /** Reads and patches of an object's managed fields while controllers keep writing it. */
  static final int MANAGED_FIELDS_ATTEMPTS = 3;

  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final List<String> RUNTIME_CLASS_VERSIONS =
      List.of("node.k8s.io/v1", "node.k8s.io/v1beta1");

  private final KubernetesClient client;
  private final ApiDiscovery discovery;

  private Fabric8Cluster(KubernetesClient client) {
    this.client = client;
    this.discovery = new ApiDiscovery(client);
  }

  /** A cluster from a kubeconfig file (its current context). */
  public static Fabric8Cluster fromKubeconfig(Path kubeconfig) {
    if (!Files.isReadable(kubeconfig)) {
      throw new UncheckedIOException(
          new IOException("cannot read kubeconfig " + kubeconfig.toAbsolutePath()));
    }
    return of(Config.fromKubeconfig(kubeconfig.toFile()));
  }

  /**
   * The cluster the agent runs in, through its pod's service account (fabric8's auto configuration:
   * a kubeconfig named by {@code KUBECONFIG} or at {@code ~/.kube/config} wins if there is one).
   */
  public static Fabric8Cluster inCluster() {
    return of(Config.autoConfigure(null));
  }

  /** Takes ownership of {@code client}: closing the cluster closes it. */
  public static Fabric8Cluster using(KubernetesClient client) {
    return new Fabric8Cluster(client);
  }

  private static Fabric8Cluster of(Config config) {
    // The sync loop retries with its own backoff; fabric8's default of 10 retries would hold a
    // run for minutes on a dead link.
    config.setRequestRetryBackoffLimit(1);
    return new Fabric8Cluster(
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new JdkHttpClientFactory())
            .build());
  }

  @Override
  public ResourceKind resolve(String apiVersion, String kind) {
    return discovery.resolve(apiVersion, kind);
  }

  @Override
  public KubeObject apply(ApplyRequest request) {
    KubeObject object = request.object();
    ObjectRef ref = object.ref();
    ResourceKind kind = resolve(object.apiVersion(), object.kind());
    Map<String, Object> body = ObjectScope.bodyFor(kind, object);
    String namespace = kind.namespaced() ? object.namespace() : "";
    PatchContext patch =
        new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(request.fieldManager())
            .withForce(request.force())
            .withDryRun(request.dryRun() ? List.of("All") : null)
            .build();
    try {
      GenericKubernetesResource stored =
          resource(kind, namespace, ref.name()).patch(patch, GenericResources.toResource(body));
      if (!request.dryRun() && kind.group().equals(CRD_GROUP)) {
        object.at("spec.group").map(String::valueOf).ifPresent(discovery::invalidate);
      }
      return GenericResources.toObject(stored);
    } catch (KubernetesClientException e) {
      throw notFoundOr("apply", ref, kind, e);
    }
  }

  @Override
  public Optional<KubeObject> get(ObjectRef ref) {
    ResourceKind kind = resolve(ref.apiVersion(), ref.kind());
    try {
      GenericKubernetesResource r = resource(kind, ref.namespace(), ref.name()).get();
      return Optional.ofNullable(r).map(GenericResources::toObject);
    } catch (KubernetesClientException e) {
      throw ErrorClassifier.classify("get", ref, e);
    }
  }

  @Override
  public List<KubeObject> list(ResourceKind kind, String namespace) {
    var op = client.genericKubernetesResources(GenericResources.context(kind));
    try {
      var items =
          kind.namespaced() && !namespace.isEmpty()
              ? op.inNamespace(namespace).list().getItems()
              : op.inAnyNamespace().list().getItems();
      return items.stream().map(GenericResources::toObject).toList();
    } catch (KubernetesClientException e) {
      throw ErrorClassifier.classify("list " + kind.kind() + " in '" + namespace + "'", null, e);
    }
  }

  @Override
  public KubeObject removeManagedFields(ObjectRef ref, Set<ManagedFieldsEntry> entries) {
    ResourceKind kind = resolve(ref.apiVersion(), ref.kind());
    Resource<GenericKubernetesResource> resource = resource(kind, ref.namespace(), ref.name());
    for (int attempt = 1; ; attempt++) {
      try {
        GenericKubernetesResource found = resource.get();
        if (found == null) {
          throw new KubeException.Invalid(ref, "not found", null);
        }
        KubeObject live = GenericResources.toObject(found);
        Optional<String> patch = ManagedFieldsPatch.without(live, entries);
        if (patch.isEmpty()) {
          return live;
        }
        return GenericResources.toObject(
            resource.patch(PatchContext.of(PatchType.JSON), patch.get()));
      } catch (KubernetesClientException e) {
        // 422: the patch's resourceVersion test failed, a controller wrote the object since it was
        // read (a Deployment's revision annotation): read it again and patch that version
        if (e.getCode() != 422 || attempt >= MANAGED_FIELDS_ATTEMPTS) {
          throw ErrorClassifier.classify("remove managed fields of", ref, e);
        }
      }
    }
  }

  @Override
  public boolean delete(ObjectRef ref) {
    ResourceKind kind = resolve(ref.apiVersion(), ref.kind());
    try {
      boolean deleted = !resource(kind, ref.namespace(), ref.name()).delete().isEmpty();
      if (kind.group().equals(CRD_GROUP) && ref.name().contains(".")) {
        // a CRD is named <plural>.<group>: its kinds are going away
        discovery.invalidate(ref.name().substring(ref.name().indexOf('.') + 1));
      }
      return deleted;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw ErrorClassifier.classify("delete", ref, e);
    }
  }

  @Override
  public ClusterInfo info() {
    try {
      String version = client.getKubernetesVersion().getGitVersion();
      List<KubeObject> nodes = list(resolve("v1", "Node"), "");
      return ClusterInfo.of(version, nodes, runtimeClassNames());
    } catch (KubernetesClientException e) {
      throw ErrorClassifier.classify("read cluster info", null, e);
    }
  }

  private List<String> runtimeClassNames() {
    for (String apiVersion : RUNTIME_CLASS_VERSIONS) {
      try {
        ResourceKind kind = resolve(apiVersion, "RuntimeClass");
        return list(kind, "").stream().map(KubeObject::name).toList();
      } catch (KubeException.UnknownKind e) {
        // older or trimmed servers serve only one version, or none: absent means none
      }
    }
    return List.of();
  }

  private Resource<GenericKubernetesResource> resource(
      ResourceKind kind, String namespace, String name) {
    var op = client.genericKubernetesResources(GenericResources.context(kind));
    return kind.namespaced() ? op.inNamespace(namespace).withName(name) : op.withName(name);
  }

  private KubeException notFoundOr(
      String operation, ObjectRef ref, ResourceKind kind, KubernetesClientException e) {
    if (ErrorClassifier.isMissingNamespace(e)) {
      return new KubeException.Invalid(ref, ErrorClassifier.reason(e), e);
    }
    if (e.getCode() == 404) {
      // the kind went away since discovery (its CRD was deleted): look again next time
      discovery.invalidate(kind.group());
      return new KubeException.UnknownKind(kind.apiVersion(), kind.kind());
    }
    return ErrorClassifier.classify(operation, ref, e);
  }

  @Override
  public void close() {
    client.close();
  }
}
