package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The objects of one in-memory cluster, keyed by group/kind, namespace and name (so every version
 * of a kind addresses the same object), with the resource version counter. Not thread-safe: the
 * cluster guards it.
 */
final class ObjectStore {
  /** Where an object lives. */
  record Key(String groupKind, String namespace, String name) implements Comparable<Key> {
    static Key of(ResourceKind kind, String namespace, String name) {
      return new Key(groupKind(kind), kind.namespaced() ? namespace : "", name);
    }

    /** {@code Deployment.apps}, {@code ConfigMap}: every version of a kind shares it. */
    static String groupKind(ResourceKind kind) {
      return kind.group().isEmpty() ? kind.kind() : kind.kind() + "." + kind.group();
    }

    @Override
    public int compareTo(Key o) {
      int c = groupKind.compareTo(o.groupKind);
      c = c != 0 ? c : namespace.compareTo(o.namespace);
      return c != 0 ? c : name.compareTo(o.name);
    }
  }

  /** An object as stored: its body without managed fields, and the managed fields. */
  record Stored(KubeObject object, ManagedFields managed) {
    /** The object as the API serves it, with {@code metadata.managedFields}. */
    KubeObject render() {
      if (managed.entries().isEmpty()) {
        return object;
      }
      Map<String, Object> body = object.mutableBody();
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
      meta.put("managedFields", managed.render());
      return KubeObject.of(body);
    }
  }

  private final String clusterName;
  private final TreeMap<Key, Stored> objects = new TreeMap<>();
  private long resourceVersion;
  private long uids;

  ObjectStore(String clusterName) {
    this.clusterName = clusterName;
  }

  Stored get(Key key) {
    return objects.get(key);
  }

  void put(Key key, Stored stored) {
    objects.put(key, stored);
  }

  Stored remove(Key key) {
    return objects.remove(key);
  }

  /**
   * Objects of a group/kind, in one namespace or ({@code ""}) all, ordered by namespace and name.
   */
  List<Stored> list(String groupKind, String namespace) {
    List<Stored> out = new ArrayList<>();
    objects.forEach(
        (k, v) -> {
          if (k.groupKind().equals(groupKind)
              && (namespace.isEmpty() || k.namespace().equals(namespace))) {
            out.add(v);
          }
        });
    return out;
  }

  List<Stored> all() {
    return List.copyOf(objects.values());
  }

  void removeNamespaceContents(String namespace) {
    objects.keySet().removeIf(k -> k.namespace().equals(namespace));
  }

  void removeKind(String groupKind) {
    objects.keySet().removeIf(k -> k.groupKind().equals(groupKind));
  }

  String nextResourceVersion() {
    return Long.toString(++resourceVersion);
  }

  /** Unique per cluster and reproducible from run to run. */
  String nextUid() {
    byte[] seed = (clusterName + "/" + ++uids).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(seed).toString();
  }
}
