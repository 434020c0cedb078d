package dev.flotilla.agent.kube.fabric8;

import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.ResourceKind;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds the API server serves, per group/version, cached. A miss refreshes that one
 * group/version (one GET), so a CRD applied by someone else is picked up on first use; applying a
 * CRD invalidates its group. Thread-safe.
 */
final class ApiDiscovery {
  private final KubernetesClient client;
  private final Map<String, Map<String, ResourceKind>> byApiVersion = new ConcurrentHashMap<>();

  ApiDiscovery(KubernetesClient client) {
    this.client = client;
  }

  ResourceKind resolve(String apiVersion, String kind) {
    Map<String, ResourceKind> kinds = byApiVersion.get(apiVersion);
    if (kinds == null || !kinds.containsKey(kind)) {
      kinds = refresh(apiVersion);
    }
    ResourceKind found = kinds.get(kind);
    if (found == null) {
      throw new KubeException.UnknownKind(apiVersion, kind);
    }
    return found;
  }

  /** Forgets every version of {@code group}, e.g. after its CRD changed. */
  void invalidate(String group) {
    byApiVersion.keySet().removeIf(v -> groupOf(v).equals(group));
  }

  private Map<String, ResourceKind> refresh(String apiVersion) {
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        list = null;
      } else {
        throw ErrorClassifier.classify("discover " + apiVersion, null, e);
      }
    }
    Map<String, ResourceKind> kinds = new HashMap<>();
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        // subresources (deployments/status, deployments/scale) are not kinds one applies
        if (!r.getName().contains("/")) {
          kinds.put(
              r.getKind(),
              new ResourceKind(apiVersion, r.getKind(), r.getName(), r.getNamespaced()));
        }
      }
    }
    byApiVersion.put(apiVersion, Map.copyOf(kinds));
    return kinds;
  }

  private static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
