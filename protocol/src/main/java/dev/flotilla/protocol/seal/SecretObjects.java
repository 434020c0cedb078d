package dev.flotilla.protocol.seal;

import dev.flotilla.model.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals and opens the Secrets in a list of objects (pure apart from the crypto). Sealing moves
 * {@code stringData} into {@code data}, replaces every value with its sealed form bound to {@code
 * namespace/name/key}, and marks the Secret with the {@value #ANNOTATION} annotation; opening
 * reverses it exactly. Other objects pass through untouched.
 */
public final class SecretObjects {
  public static final String ANNOTATION = "flotilla.dev/sealed";
  private static final String VERSION = "v1";

  private SecretObjects() {}

  public static boolean isSecret(KubeObject o) {
    return o.kind().equals("Secret") && o.apiVersion().equals("v1");
  }

  public static boolean anySecret(List<KubeObject> objects) {
    return objects.stream().anyMatch(SecretObjects::isSecret);
  }

  public static List<KubeObject> seal(List<KubeObject> objects, SecretCipher cipher) {
    List<KubeObject> out = new ArrayList<>(objects.size());
    for (KubeObject o : objects) {
      out.add(isSecret(o) ? sealOne(o, cipher) : o);
    }
    return out;
  }

  /**
   * The objects with every Secret opened.
   *
   * @throws SecretCipher.Rejected naming the Secret, if one is not sealed (and has values) or does
   *     not open with this cluster's key
   */
  public static List<KubeObject> open(List<KubeObject> objects, SecretCipher cipher) {
    List<KubeObject> out = new ArrayList<>(objects.size());
    for (KubeObject o : objects) {
      out.add(isSecret(o) ? openOne(o, cipher) : o);
    }
    return out;
  }

  private static KubeObject sealOne(KubeObject o, SecretCipher cipher) {
    Map<String, Object> body = o.mutableBody();
    Map<String, Object> data = new LinkedHashMap<>();
    if (body.get("data") instanceof Map<?, ?> d) {
      d.forEach(
          (k, v) -> data.put(String.valueOf(k), Base64.getMimeDecoder().decode(String.valueOf(v))));
    }
    if (body.remove("stringData") instanceof Map<?, ?> sd) {
      sd.forEach(
          (k, v) ->
              data.put(String.valueOf(k), String.valueOf(v).getBytes(StandardCharsets.UTF_8)));
    }
    Map<String, Object> sealed = new LinkedHashMap<>();
    data.forEach((k, v) -> sealed.put(k, cipher.seal(aad(o, k), (byte[]) v)));
    if (!sealed.isEmpty()) {
      body.put("data", sealed);
    }
    annotations(body).put(ANNOTATION, VERSION);
    return KubeObject.of(body);
  }

  private static KubeObject openOne(KubeObject o, SecretCipher cipher) {
    Map<String, Object> body = o.mutableBody();
    boolean marked = VERSION.equals(o.annotations().get(ANNOTATION));
    boolean hasValues =
        body.get("data") instanceof Map<?, ?> d && !d.isEmpty()
            || body.get("stringData") instanceof Map<?, ?> s && !s.isEmpty();
    if (!marked) {
      if (hasValues) {
        throw new SecretCipher.Rejected(
            "Secret " + where(o) + " arrived unsealed; the hub seals every Secret for its cluster");
      }
      return o;
    }
    if (body.containsKey("stringData")) {
      throw new SecretCipher.Rejected("sealed Secret " + where(o) + " must not carry stringData");
    }
    if (body.get("data") instanceof Map<?, ?> d) {
      Map<String, Object> plain = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : d.entrySet()) {
        String key = String.valueOf(e.getKey());
        try {
          plain.put(
              key,
              Base64.getEncoder()
                  .encodeToString(cipher.open(aad(o, key), String.valueOf(e.getValue()))));
        } catch (SecretCipher.Rejected r) {
          throw new SecretCipher.Rejected(
              "value '" + key + "' of Secret " + where(o) + " " + r.getMessage());
        }
      }
      body.put("data", plain);
    }
    Map<String, Object> ann = annotations(body);
    ann.remove(ANNOTATION);
    if (ann.isEmpty() && body.get("metadata") instanceof Map<?, ?> m) {
      m.remove("annotations");
    }
    return KubeObject.of(body);
  }

  private static String aad(KubeObject o, String key) {
    return o.namespace() + "/" + o.name() + "/" + key;
  }

  private static String where(KubeObject o) {
    return (o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> annotations(Map<String, Object> body) {
    Map<String, Object> meta =
        (Map<String, Object>) body.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    return (Map<String, Object>) meta.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
  }
}
