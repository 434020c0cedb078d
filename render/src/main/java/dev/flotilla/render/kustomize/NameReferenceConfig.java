package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.List;

/**
 * Which fields of which kinds hold the name of another object (Kustomize's built-in name-reference
 * configuration), so that renaming an object (prefix, suffix, hash) repairs every reference to it.
 */
final class NameReferenceConfig {
  private NameReferenceConfig() {}

  /** The kind referred to and the fields that refer to it. */
  record Referral(String group, String kind, List<FieldSpec> referrers) {}

  private static final String[] WORKLOADS = {
    "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"
  };

  static List<Referral> all() {
    List<Referral> out = new ArrayList<>();
    for (String scaled :
        List.of("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")) {
      out.add(
          new Referral(
              groupOf(scaled),
              scaled,
              List.of(
                  FieldSpec.kind("HorizontalPodAutoscaler", "spec/scaleTargetRef/name", false))));
    }
    out.add(new Referral("", "ConfigMap", configMapReferrers()));
    out.add(new Referral("", "Secret", secretReferrers()));
    out.add(
        new Referral(
            "",
            "Service",
            List.of(
                FieldSpec.of("apps", "StatefulSet", "spec/serviceName", false),
                FieldSpec.kind("Ingress", "spec/rules/http/paths/backend/serviceName", false),
                FieldSpec.kind("Ingress", "spec/backend/serviceName", false),
                FieldSpec.kind("Ingress", "spec/rules/http/paths/backend/service/name", false),
                FieldSpec.kind("Ingress", "spec/defaultBackend/service/name", false),
                FieldSpec.of("apiregistration.k8s.io", "APIService", "spec/service/name", false),
                FieldSpec.of(
                    "admissionregistration.k8s.io",
                    "ValidatingWebhookConfiguration",
                    "webhooks/clientConfig/service",
                    false),
                FieldSpec.of(
                    "admissionregistration.k8s.io",
                    "MutatingWebhookConfiguration",
                    "webhooks/clientConfig/service",
                    false))));
    String rbac = "rbac.authorization.k8s.io";
    out.add(
        new Referral(
            rbac, "Role", List.of(FieldSpec.of(rbac, "RoleBinding", "roleRef/name", false))));
    out.add(
        new Referral(
            rbac,
            "ClusterRole",
            List.of(
                FieldSpec.of(rbac, "RoleBinding", "roleRef/name", false),
                FieldSpec.of(rbac, "ClusterRoleBinding", "roleRef/name", false))));
    List<FieldSpec> sa = new ArrayList<>();
    sa.add(FieldSpec.of(rbac, "RoleBinding", "subjects", false));
    sa.add(FieldSpec.of(rbac, "ClusterRoleBinding", "subjects", false));
    sa.add(FieldSpec.kind("Pod", "spec/serviceAccountName", false));
    sa.addAll(podTemplates("serviceAccountName"));
    out.add(new Referral("", "ServiceAccount", sa));
    List<FieldSpec> pvc = new ArrayList<>();
    pvc.add(FieldSpec.kind("Pod", "spec/volumes/persistentVolumeClaim/claimName", false));
    pvc.addAll(podTemplates("volumes/persistentVolumeClaim/claimName"));
    out.add(new Referral("", "PersistentVolumeClaim", pvc));
    out.add(
        new Referral(
            "",
            "PersistentVolume",
            List.of(
                FieldSpec.kind("PersistentVolumeClaim", "spec/volumeName", false),
                FieldSpec.kind("ClusterRole", "rules/resourceNames", false))));
    out.add(
        new Referral(
            "storage.k8s.io",
            "StorageClass",
            List.of(
                FieldSpec.kind("PersistentVolume", "spec/storageClassName", false),
                FieldSpec.kind("PersistentVolumeClaim", "spec/storageClassName", false),
                FieldSpec.kind(
                    "StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName", false))));
    List<FieldSpec> pc = new ArrayList<>();
    pc.add(FieldSpec.kind("Pod", "spec/priorityClassName", false));
    pc.addAll(podTemplates("priorityClassName"));
    out.add(new Referral("scheduling.k8s.io", "PriorityClass", pc));
    out.add(
        new Referral(
            "networking.k8s.io",
            "IngressClass",
            List.of(FieldSpec.kind("Ingress", "spec/ingressClassName", false))));
    return out;
  }

  private static String groupOf(String kind) {
    return kind.equals("ReplicationController") ? "" : "apps";
  }

  /** {@code spec/template/spec/<tail>} in every workload kind, and the CronJob's job template. */
  private static List<FieldSpec> podTemplates(String tail) {
    List<FieldSpec> out = new ArrayList<>();
    for (String w : WORKLOADS) {
      out.add(FieldSpec.kind(w, "spec/template/spec/" + tail, false));
    }
    out.add(FieldSpec.kind("CronJob", "spec/jobTemplate/spec/template/spec/" + tail, false));
    return out;
  }

  private static List<FieldSpec> configMapReferrers() {
    List<FieldSpec> out = new ArrayList<>();
    String[] tails = {
      "volumes/configMap/name",
      "containers/env/valueFrom/configMapKeyRef/name",
      "initContainers/env/valueFrom/configMapKeyRef/name",
      "containers/envFrom/configMapRef/name",
      "initContainers/envFrom/configMapRef/name",
      "volumes/projected/sources/configMap/name"
    };
    for (String t : tails) {
      out.add(new FieldSpec("", "v1", "Pod", "spec/" + t, false));
      out.addAll(podTemplates(t));
    }
    out.add(FieldSpec.kind("Node", "spec/configSource/configMap", false));
    out.add(FieldSpec.kind("Role", "rules/resourceNames", false));
    out.add(FieldSpec.kind("ClusterRole", "rules/resourceNames", false));
    out.add(
        FieldSpec.kind(
            "Ingress",
            "metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap",
            false));
    return out;
  }

  private static List<FieldSpec> secretReferrers() {
    List<FieldSpec> out = new ArrayList<>();
    String[] tails = {
      "volumes/secret/secretName",
      "containers/env/valueFrom/secretKeyRef/name",
      "initContainers/env/valueFrom/secretKeyRef/name",
      "containers/envFrom/secretRef/name",
      "initContainers/envFrom/secretRef/name",
      "imagePullSecrets/name",
      "volumes/projected/sources/secret/name"
    };
    for (String t : tails) {
      out.add(new FieldSpec("", "v1", "Pod", "spec/" + t, false));
      out.addAll(podTemplates(t));
    }
    out.add(FieldSpec.kind("Ingress", "spec/tls/secretName", false));
    out.add(
        FieldSpec.kind(
            "Ingress", "metadata/annotations/ingress.kubernetes.io\\/auth-secret", false));
    out.add(
        FieldSpec.kind(
            "Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret", false));
    out.add(
        FieldSpec.kind(
            "Ingress",
            "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret",
            false));
    out.add(FieldSpec.kind("ServiceAccount", "imagePullSecrets/name", false));
    for (String p : List.of("secretName", "adminSecretName", "userSecretName", "secretRef")) {
      out.add(FieldSpec.kind("StorageClass", "parameters/" + p, false));
    }
    out.add(FieldSpec.kind("Role", "rules/resourceNames", false));
    out.add(FieldSpec.kind("ClusterRole", "rules/resourceNames", false));
    out.add(FieldSpec.kind("PersistentVolume", "spec/azureFile/secretName", false));
    return out;
  }
}
