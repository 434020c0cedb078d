package dev.flotilla.hub.distribute;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.KubeObject;
import dev.flotilla.protocol.seal.SealingKeys;
import dev.flotilla.protocol.seal.SecretCipher;
import dev.flotilla.protocol.seal.SecretObjects;
import dev.flotilla.render.BundleRenderer;
import dev.flotilla.render.ManifestSet;
import dev.flotilla.render.RenderException;
import dev.flotilla.render.RenderRequest;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Seals every Secret in a cluster's rendered manifests to that cluster's encryption key, so a blob
 * with Secrets is per cluster and useless to any other device. Renders without Secrets pass through
 * unchanged (and stay shared). A cluster that enrolled without an encryption key gets no Secrets:
 * the render fails for it with a message saying so. Sealing is deterministic, so an unchanged
 * Secret keeps its blob digest.
 */
public final class SecretSealingRenderer implements BundleRenderer {
  private final BundleRenderer inner;
  private final Function<ClusterId, Optional<String>> clusterKeys;
  private final KeyPair hubSealing;
  private final Map<String, SecretCipher> ciphers = new ConcurrentHashMap<>();

  public SecretSealingRenderer(
      BundleRenderer inner, Function<ClusterId, Optional<String>> clusterKeys, KeyPair hubSealing) {
    this.inner = inner;
    this.clusterKeys = clusterKeys;
    this.hubSealing = hubSealing;
  }

  @Override
  public ManifestSet render(RenderRequest request) throws RenderException {
    ManifestSet plain = inner.render(request);
    if (!SecretObjects.anySecret(plain.objects())) {
      return plain;
    }
    ClusterId cluster = request.cluster().clusterId();
    String bundleFile =
        (request.bundle().path().isEmpty() ? "" : request.bundle().path() + "/") + "bundle.yaml";
    String key =
        clusterKeys
            .apply(cluster)
            .orElseThrow(
                () ->
                    new RenderException(
                        bundleFile,
                        "bundle "
                            + request.bundle().name()
                            + " has Secrets, but cluster "
                            + request.cluster().clusterName()
                            + " enrolled without an encryption key; re-enroll it with a current"
                            + " agent to receive Secrets"));
    SecretCipher cipher =
        ciphers.computeIfAbsent(
            cluster.value() + "/" + key,
            k ->
                SecretCipher.between(
                    hubSealing.getPrivate(), SealingKeys.decodePublic(key), cluster.value()));
    List<KubeObject> sealed = SecretObjects.seal(plain.objects(), cipher);
    return ManifestSet.of(sealed);
  }
}
