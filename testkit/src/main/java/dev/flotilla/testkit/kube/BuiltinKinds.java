package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ResourceKind;
import java.util.ArrayList;
import java.util.List;

/** The built-in kinds an in-memory cluster serves: what a small K3s serves, minus the rarities. */
final class BuiltinKinds {
  private BuiltinKinds() {}

  static List<ResourceKind> all() {
    List<ResourceKind> k = new ArrayList<>();
    namespaced(k, "v1", "ConfigMap", "configmaps");
    namespaced(k, "v1", "Secret", "secrets");
    namespaced(k, "v1", "Service", "services");
    namespaced(k, "v1", "ServiceAccount", "serviceaccounts");
    namespaced(k, "v1", "Pod", "pods");
    namespaced(k, "v1", "PersistentVolumeClaim", "persistentvolumeclaims");
    namespaced(k, "v1", "Endpoints", "endpoints");
    namespaced(k, "v1", "LimitRange", "limitranges");
    namespaced(k, "v1", "ResourceQuota", "resourcequotas");
    namespaced(k, "v1", "Event", "events");
    cluster(k, "v1", "Namespace", "namespaces");
    cluster(k, "v1", "Node", "nodes");
    cluster(k, "v1", "PersistentVolume", "persistentvolumes");
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")) {
      namespaced(k, "apps/v1", kind, kind.toLowerCase() + "s");
    }
    namespaced(k, "apps/v1", "ControllerRevision", "controllerrevisions");
    namespaced(k, "batch/v1", "Job", "jobs");
    namespaced(k, "batch/v1", "CronJob", "cronjobs");
    namespaced(k, "batch/v1beta1", "CronJob", "cronjobs");
    String rbac = "rbac.authorization.k8s.io/v1";
    namespaced(k, rbac, "Role", "roles");
    namespaced(k, rbac, "RoleBinding", "rolebindings");
    cluster(k, rbac, "ClusterRole", "clusterroles");
    cluster(k, rbac, "ClusterRoleBinding", "clusterrolebindings");
    namespaced(k, "networking.k8s.io/v1", "Ingress", "ingresses");
    namespaced(k, "networking.k8s.io/v1", "NetworkPolicy", "networkpolicies");
    cluster(k, "networking.k8s.io/v1", "IngressClass", "ingressclasses");
    cluster(k, "node.k8s.io/v1", "RuntimeClass", "runtimeclasses");
    cluster(k, "apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions");
    cluster(k, "scheduling.k8s.io/v1", "PriorityClass", "priorityclasses");
    cluster(k, "storage.k8s.io/v1", "StorageClass", "storageclasses");
    for (String v : List.of("autoscaling/v1", "autoscaling/v2")) {
      namespaced(k, v, "HorizontalPodAutoscaler", "horizontalpodautoscalers");
    }
    namespaced(k, "policy/v1", "PodDisruptionBudget", "poddisruptionbudgets");
    namespaced(k, "coordination.k8s.io/v1", "Lease", "leases");
    String admission = "admissionregistration.k8s.io/v1";
    cluster(k, admission, "MutatingWebhookConfiguration", "mutatingwebhookconfigurations");
    cluster(k, admission, "ValidatingWebhookConfiguration", "validatingwebhookconfigurations");
    return List.copyOf(k);
  }

  private static void namespaced(List<ResourceKind> k, String v, String kind, String plural) {
    k.add(new ResourceKind(v, kind, plural, true));
  }

  private static void cluster(List<ResourceKind> k, String v, String kind, String plural) {
    k.add(new ResourceKind(v, kind, plural, false));
  }
}
