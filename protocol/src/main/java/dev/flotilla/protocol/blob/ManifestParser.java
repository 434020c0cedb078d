package dev.flotilla.protocol.blob;

import dev.flotilla.model.Digest;
import dev.flotilla.model.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Parses a blob into Kubernetes objects, after checking that its bytes hash to the digest the
 * signed desired document names. Aliases are refused outright: the hub never writes them.
 */
public final class ManifestParser {
  public static final int MAX_BLOB_BYTES = 32 * 1024 * 1024;

  private ManifestParser() {}

  public static List<KubeObject> parse(Digest expected, byte[] blob) {
    if (blob.length > MAX_BLOB_BYTES) {
      throw new BlobRejected(expected, "is " + blob.length + " bytes, over " + MAX_BLOB_BYTES);
    }
    Digest actual = Digest.of(blob);
    if (!actual.equals(expected)) {
      throw new BlobRejected(expected, "hashes to " + actual + " (corrupted or tampered)");
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel("blob " + expected.shortHex())
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(0)
            .setCodePointLimit(MAX_BLOB_BYTES)
            .build();
    List<KubeObject> objects = new ArrayList<>();
    try {
      for (Object doc :
          new Load(settings).loadAllFromString(new String(blob, StandardCharsets.UTF_8))) {
        if (doc == null) {
          continue;
        }
        if (!(doc instanceof Map<?, ?> m)) {
          throw new BlobRejected(expected, "holds a YAML document that is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) m;
        objects.add(KubeObject.of(tree));
      }
    } catch (BlobRejected e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BlobRejected(expected, "is not valid manifest YAML: " + e.getMessage());
    }
    return objects;
  }

  /** A blob that must not be applied. */
  public static final class BlobRejected extends RuntimeException {
    public BlobRejected(Digest digest, String reason) {
      super("blob " + digest + " " + reason);
    }
  }
}
