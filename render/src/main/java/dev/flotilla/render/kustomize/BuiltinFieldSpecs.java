package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.List;

/**
 * Kustomize's default field specs: where common labels, selectors, template labels, annotations and
 * replica counts live in the built-in kinds.
 */
final class BuiltinFieldSpecs {
  private BuiltinFieldSpecs() {}

  private static final String[] AFFINITY = {
    "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
    "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
    "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
    "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
    "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels"
  };

  /** Labels with selectors: {@code commonLabels} and {@code labels} with includeSelectors. */
  static List<FieldSpec> commonLabels() {
    List<FieldSpec> s = new ArrayList<>();
    s.add(FieldSpec.any("metadata/labels", true));
    s.add(new FieldSpec("", "v1", "Service", "spec/selector", true));
    s.add(new FieldSpec("", "v1", "ReplicationController", "spec/selector", true));
    s.add(new FieldSpec("", "v1", "ReplicationController", "spec/template/metadata/labels", true));
    s.add(FieldSpec.kind("Deployment", "spec/selector/matchLabels", true));
    s.add(FieldSpec.kind("Deployment", "spec/template/metadata/labels", true));
    for (String a : AFFINITY) {
      s.add(FieldSpec.of("apps", "Deployment", a, false));
    }
    s.add(FieldSpec.kind("ReplicaSet", "spec/selector/matchLabels", true));
    s.add(FieldSpec.kind("ReplicaSet", "spec/template/metadata/labels", true));
    s.add(FieldSpec.kind("DaemonSet", "spec/selector/matchLabels", true));
    s.add(FieldSpec.kind("DaemonSet", "spec/template/metadata/labels", true));
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/selector/matchLabels", true));
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/template/metadata/labels", true));
    for (String a : AFFINITY) {
      s.add(FieldSpec.of("apps", "StatefulSet", a, false));
    }
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true));
    s.add(FieldSpec.of("batch", "Job", "spec/selector/matchLabels", false));
    s.add(FieldSpec.of("batch", "Job", "spec/template/metadata/labels", true));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/labels", true));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true));
    s.add(FieldSpec.of("policy", "PodDisruptionBudget", "spec/selector/matchLabels", false));
    s.add(
        FieldSpec.of("networking.k8s.io", "NetworkPolicy", "spec/podSelector/matchLabels", false));
    s.add(
        FieldSpec.of(
            "networking.k8s.io",
            "NetworkPolicy",
            "spec/ingress/from/podSelector/matchLabels",
            false));
    s.add(
        FieldSpec.of(
            "networking.k8s.io", "NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false));
    return s;
  }

  /** Pod template labels: {@code labels} with includeTemplates. */
  static List<FieldSpec> templateLabels() {
    List<FieldSpec> s = new ArrayList<>();
    s.add(new FieldSpec("", "v1", "ReplicationController", "spec/template/metadata/labels", true));
    s.add(FieldSpec.kind("Deployment", "spec/template/metadata/labels", true));
    s.add(FieldSpec.kind("ReplicaSet", "spec/template/metadata/labels", true));
    s.add(FieldSpec.kind("DaemonSet", "spec/template/metadata/labels", true));
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/template/metadata/labels", true));
    s.add(FieldSpec.of("batch", "Job", "spec/template/metadata/labels", true));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/labels", true));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", true));
    return s;
  }

  static List<FieldSpec> commonAnnotations() {
    List<FieldSpec> s = new ArrayList<>();
    s.add(FieldSpec.any("metadata/annotations", true));
    s.add(
        new FieldSpec(
            "", "v1", "ReplicationController", "spec/template/metadata/annotations", true));
    s.add(FieldSpec.kind("Deployment", "spec/template/metadata/annotations", true));
    s.add(FieldSpec.kind("ReplicaSet", "spec/template/metadata/annotations", true));
    s.add(FieldSpec.kind("DaemonSet", "spec/template/metadata/annotations", true));
    s.add(FieldSpec.of("apps", "StatefulSet", "spec/template/metadata/annotations", true));
    s.add(FieldSpec.of("batch", "Job", "spec/template/metadata/annotations", true));
    s.add(FieldSpec.of("batch", "CronJob", "spec/jobTemplate/metadata/annotations", true));
    s.add(
        FieldSpec.of(
            "batch", "CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true));
    return s;
  }

  static List<FieldSpec> replicas() {
    return List.of(
        FieldSpec.kind("Deployment", "spec/replicas", true),
        FieldSpec.kind("ReplicationController", "spec/replicas", true),
        FieldSpec.kind("ReplicaSet", "spec/replicas", true),
        FieldSpec.kind("StatefulSet", "spec/replicas", true));
  }
}
