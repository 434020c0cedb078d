package dev.flotilla.render;

import dev.flotilla.model.Digest;
import dev.flotilla.model.KubeObject;
import dev.flotilla.render.yaml.YamlWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rendered manifests in their canonical form: the objects, their multi-document YAML text (the
 * bytes of the blob), and the sha256 of that text. Two renders with equal text share one blob.
 */
public record ManifestSet(List<KubeObject> objects, String yaml, Digest digest) {
  public ManifestSet {
    objects = List.copyOf(objects);
  }

  /** The canonical form of {@code objects}, in the order given. */
  public static ManifestSet of(List<KubeObject> objects) {
    String yaml = YamlWriter.documents(objects.stream().map(KubeObject::body).toList());
    return new ManifestSet(objects, yaml, Digest.of(yaml));
  }

  public byte[] bytes() {
    return yaml.getBytes(StandardCharsets.UTF_8);
  }
}
