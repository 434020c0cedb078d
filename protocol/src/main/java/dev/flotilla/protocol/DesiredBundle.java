package dev.flotilla.protocol;

import dev.flotilla.model.BundleOptions;
import java.util.List;

/**
 * One bundle of a desired document.
 *
 * @param name the bundle's name
 * @param revision the source revision it was rendered from
 * @param digest sha256 (hex) of the rendered manifests: fetch {@code /v1/agent/blobs/<digest>}
 * @param options apply-time options
 * @param dependsOn bundles that must be ready first
 */
public record DesiredBundle(
    String name, String revision, String digest, BundleOptions options, List<String> dependsOn) {
  public DesiredBundle {
    options = options == null ? BundleOptions.DEFAULT : options;
    dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
  }
}
