package dev.flotilla.cli.demo;

import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;

/**
 * The demo's fleet repository: {@code telemetry} (a base with overlays per region and device
 * model), {@code edge-gateway} (depends on telemetry) and {@code inference} (needs amd64, so the
 * Raspberry Pis are "not admitted").
 */
final class SampleFleet {
  static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};
  static final String[] MODELS = {"rpi4", "nuc"};
  static final String CHANGED_BUNDLE = "telemetry";

  /**
   * The collector build the simulated Raspberry Pis cannot run: its Deployment never gets ready.
   */
  static final String BROKEN_BUILD = "collector:1.6.0-arm64";

  /** The staged rollout {@code telemetry} gets with the first change (see docs/rollouts.md). */
  static final String ROLLOUT =
      """
      rollout:
        stages: [10%, 50%, 100%]
        orderBy: region
        maxUnavailable: 30%
        healthTimeout: 30s
        failureThreshold: 0
        rollback: auto
      """;

  private SampleFleet() {}

  /** Writes and commits the first revision; returns its commit id. */
  static String initial(GitRepo repo) throws IOException {
    repo.write("README.md", "# Demo fleet\n\nBundles under fleet/, one directory each.\n");
    telemetry(repo, "1.4.0", "30s", "", "");
    repo.write(
        "fleet/edge-gateway/bundle.yaml",
        """
        name: edge-gateway
        namespace: edge
        dependsOn: [telemetry]
        targets:
          - selector: {matchLabels: {tier: edge}}
        """);
    repo.write(
        "fleet/edge-gateway/gateway.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: edge
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: gateway
          labels: {app: gateway}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: gateway}
          template:
            metadata:
              labels: {app: gateway}
            spec:
              containers:
                - name: gateway
                  image: ghcr.io/flotilla-demo/gateway:2.1.0
                  ports:
                    - containerPort: 8080
                      protocol: TCP
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: gateway
        spec:
          selector: {app: gateway}
          ports:
            - port: 80
              targetPort: 8080
              protocol: TCP
        """);
    repo.write(
        "fleet/inference/bundle.yaml",
        """
        name: inference
        namespace: inference
        targets:
          - selector:
              matchExpressions:
                - {key: tier, operator: In, values: [edge]}
        requires:
          arch: [amd64]
          minMemoryMiB: 4096
        """);
    repo.write(
        "fleet/inference/model-server.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: inference
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: model-server
        spec:
          replicas: 1
          selector:
            matchLabels: {app: model-server}
          template:
            metadata:
              labels: {app: model-server}
            spec:
              containers:
                - name: server
                  image: ghcr.io/flotilla-demo/model-server:0.9.2
        """);
    return repo.commit("Initial fleet: telemetry, edge-gateway, inference");
  }

  /** The demo's change: a new collector version, a shorter interval, and a staged rollout. */
  static String change(GitRepo repo) throws IOException {
    telemetry(repo, "1.5.0", "15s", ROLLOUT, "");
    return repo.commit("telemetry: collector 1.5.0, report every 15s, staged rollout");
  }

  /**
   * A change that breaks one device model: collector 1.6.0, with an arm64 build for the Raspberry
   * Pis that their (simulated) clusters cannot run.
   */
  static String breakingChange(GitRepo repo) throws IOException {
    telemetry(
        repo,
        "1.6.0",
        "15s",
        ROLLOUT,
        """
          - op: replace
            path: /spec/template/spec/containers/0/image
            value: ghcr.io/flotilla-demo/%s
        """
            .formatted(BROKEN_BUILD));
    return repo.commit("telemetry: collector 1.6.0, arm64 build on rpi4");
  }

  /**
   * @param rollout the bundle's {@code rollout:} block, or empty
   * @param rpi4Patch more JSON-patch operations for the rpi4 collector, or empty
   */
  private static void telemetry(
      GitRepo repo, String version, String interval, String rollout, String rpi4Patch)
      throws IOException {
    repo.write(
        "fleet/telemetry/bundle.yaml",
        """
        name: telemetry
        namespace: telemetry
        render:
          kustomize: base
        overlays:
          - overlays/region/${region}
          - overlays/model/${model}
        targets:
          - selector: {matchLabels: {tier: edge}}
        """
            + rollout);
    repo.write(
        "fleet/telemetry/base/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - namespace.yaml
          - config.yaml
          - collector.yaml
        """);
    repo.write(
        "fleet/telemetry/base/namespace.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: telemetry
        """);
    repo.write(
        "fleet/telemetry/base/config.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: collector-config
          namespace: telemetry
        data:
          interval: "%s"
          endpoint: https://ingest.example.com
          site: ${cluster.name}
        """
            .formatted(interval));
    repo.write(
        "fleet/telemetry/base/collector.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: collector
          namespace: telemetry
          labels: {app: collector}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: collector}
          template:
            metadata:
              labels: {app: collector}
            spec:
              containers:
                - name: collector
                  image: ghcr.io/flotilla-demo/collector:%s
                  envFrom:
                    - configMapRef: {name: collector-config}
        """
            .formatted(version));
    for (String region : REGIONS) {
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
                  value: https://ingest.%s.example.com
          """
              .formatted(region));
    }
    repo.write(
        "fleet/telemetry/overlays/model/rpi4/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        patches:
          - target: {kind: Deployment, name: collector}
            patch: |-
              - op: add
                path: /spec/template/spec/containers/0/resources
                value: {limits: {memory: 64Mi, cpu: 100m}}
        """
            + (rpi4Patch.isEmpty() ? "" : rpi4Patch.indent(4)));
  }
}
