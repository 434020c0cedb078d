package dev.flotilla.hub;

import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;

/**
 * The fleet repository hub tests use: {@code telemetry} (a base with an overlay per region and one
 * for the rpi4 model), {@code gateway} (depends on telemetry), {@code gpu} (needs amd64 and 4 GiB)
 * and {@code canary} (only clusters labelled canary=true).
 */
public final class FleetRepo {
  private FleetRepo() {}

  public static String initial(GitRepo repo) throws IOException {
    telemetry(repo, "1.0.0");
    region(repo, "eu-west", "https://ingest.eu.example.com");
    region(repo, "us-east", "https://ingest.us.example.com");
    repo.write(
        "fleet/telemetry/overlays/model/rpi4/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        patches:
          - target: {kind: Deployment, name: collector}
            patch: |-
              - op: add
                path: /spec/template/spec/nodeSelector
                value: {kubernetes.io/arch: arm64}
        """);
    simple(
        repo,
        "gateway",
        "dependsOn: [telemetry]\ntargets: [{selector: {matchLabels: {tier: edge}}}]\n",
        "gw:1");
    simple(
        repo,
        "gpu",
        "targets: [{selector: {matchLabels: {tier: edge}}}]\nrequires: {arch: [amd64], minMemoryMiB: 4096}\n",
        "infer:1");
    simple(
        repo,
        "canary",
        "targets: [{selector: {matchExpressions: [{key: canary, operator: In, values: [\"true\"]}]}}]\n",
        "probe:1");
    return repo.commit("initial fleet");
  }

  public static void telemetry(GitRepo repo, String version) throws IOException {
    repo.write(
        "fleet/telemetry/bundle.yaml",
        """
        name: telemetry
        namespace: telemetry
        render: {kustomize: base}
        overlays:
          - overlays/region/${region}
          - overlays/model/${model}
        targets: [{selector: {matchLabels: {tier: edge}}}]
        """);
    repo.write(
        "fleet/telemetry/base/kustomization.yaml", "resources: [config.yaml, collector.yaml]\n");
    repo.write(
        "fleet/telemetry/base/config.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: collector-config}
        data: {endpoint: https://ingest.example.com}
        """);
    repo.write(
        "fleet/telemetry/base/collector.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: collector}
        spec:
          selector: {matchLabels: {app: collector}}
          template:
            metadata: {labels: {app: collector}}
            spec:
              containers: [{name: collector, image: "example/collector:%s"}]
        """
            .formatted(version));
  }

  /** The overlay of one region: it sets the collector's endpoint. */
  public static void region(GitRepo repo, String region, String endpoint) throws IOException {
    repo.write(
        "fleet/telemetry/overlays/region/" + region + "/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        patches:
          - target: {kind: ConfigMap, name: collector-config}
            patch: |-
              - op: replace
                path: /data/endpoint
                value: %s
        """
            .formatted(endpoint));
  }

  /** A bundle of one ConfigMap named after it; {@code image} ends up in its data. */
  public static void simple(GitRepo repo, String name, String spec, String image)
      throws IOException {
    repo.write("fleet/" + name + "/bundle.yaml", "namespace: " + name + "\n" + spec);
    repo.write(
        "fleet/" + name + "/app.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: %s}
        data: {image: "%s"}
        """
            .formatted(name, image));
  }
}
