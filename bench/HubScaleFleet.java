import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;

/** One bundle with a region overlay and a device-model overlay: 20 distinct renders. */
final class HubScaleFleet {
  private HubScaleFleet() {}

  static void write(GitRepo repo, String interval) throws IOException {
    repo.write("fleet/telemetry/bundle.yaml", """
        name: telemetry
        namespace: telemetry
        render:
          kustomize: base
        overlays:
          - overlays/region/${region}
          - overlays/model/${model}
        targets:
          - selector: {matchLabels: {tier: edge}}
        """);
    repo.write("fleet/telemetry/base/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [config.yaml]
        """);
    repo.write("fleet/telemetry/base/config.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: collector-config
          namespace: telemetry
        data:
          interval: "%s"
          endpoint: https://ingest.example.com
        """.formatted(interval));
    for (String region : HubScaleBench.REGIONS) {
      repo.write("fleet/telemetry/overlays/region/" + region + "/kustomization.yaml", """
          apiVersion: kustomize.config.k8s.io/v1alpha1
          kind: Component
          patches:
            - target: {kind: ConfigMap, name: collector-config}
              patch: |-
                - op: replace
                  path: /data/endpoint
                  value: https://ingest.%s.example.com
          """.formatted(region));
    }
    for (String model : HubScaleBench.MODELS) {
      repo.write("fleet/telemetry/overlays/model/" + model + "/kustomization.yaml", """
          apiVersion: kustomize.config.k8s.io/v1alpha1
          kind: Component
          patches:
            - target: {kind: ConfigMap, name: collector-config}
              patch: |-
                - op: add
                  path: /data/model
                  value: %s
          """.formatted(model));
    }
  }
}
