package dev.flotilla.render.kustomize;

import dev.flotilla.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends Kustomize's content hash to generated ConfigMap and Secret names (so a content change
 * rolls the workloads that mount them). The hash is Kustomize's: sha256 over a Go-JSON encoding of
 * kind, data (and type for Secrets), first ten hex digits with vowels and some digits mapped to
 * consonants.
 */
final class HashSuffix {
  private HashSuffix() {}

  static void apply(List<Resource> resources) {
    for (Resource r : resources) {
      if (r.generator() == null || !r.generator().hashSuffix()) {
        continue;
      }
      r.setName(r.name() + "-" + hash(r.body()));
    }
  }

  static String hash(Map<String, Object> body) {
    String kind = Trees.string(body.get("kind"));
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("kind", kind);
    // Kustomize looks the name up as a single field called "metadata/name", which never exists,
    // so the name always hashes as empty; copying that keeps suffixes identical.
    m.put("name", "");
    if (kind.equals("Secret")) {
      m.put("type", Trees.string(body.get("type")));
      m.put("data", dataOrEmpty(body.get("data")));
      if (Trees.map(body.get("stringData")) != null) {
        m.put("stringData", body.get("stringData"));
      }
    } else {
      m.put("data", dataOrEmpty(body.get("data")));
      if (Trees.map(body.get("binaryData")) != null) {
        m.put("binaryData", body.get("binaryData"));
      }
    }
    StringBuilder json = new StringBuilder();
    GoJson.write(json, m);
    String hex =
        HexFormat.of()
            .formatHex(Digest.sha256().digest(json.toString().getBytes(StandardCharsets.UTF_8)));
    StringBuilder enc = new StringBuilder();
    for (char c : hex.substring(0, 10).toCharArray()) {
      enc.append(
          switch (c) {
            case '0' -> 'g';
            case '1' -> 'h';
            case '3' -> 'k';
            case 'a' -> 'm';
            case 'e' -> 't';
            default -> c;
          });
    }
    return enc.toString();
  }

  private static Object dataOrEmpty(Object data) {
    return data == null ? "" : data;
  }
}
