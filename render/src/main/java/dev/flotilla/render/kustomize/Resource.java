package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object during a build: its mutable body, where it came from, and the history Kustomize keeps
 * to repair references after renames (every id it had, the prefixes and suffixes applied).
 */
final class Resource {
  private final Map<String, Object> body;
  private final String origin;
  private final ResId orgId;
  private final List<ResId> previousIds = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private final List<String> suffixes = new ArrayList<>();
  private GeneratorInfo generator;

  /** How a generated ConfigMap or Secret is handled: merge behaviour and hash suffix. */
  record GeneratorInfo(String behavior, boolean hashSuffix) {}

  Resource(Map<String, Object> body, String origin) {
    this.body = body;
    this.origin = origin;
    this.orgId = ResId.of(body);
  }

  Map<String, Object> body() {
    return body;
  }

  /** The file the object was read from, or the kustomization that generated it. */
  String origin() {
    return origin;
  }

  ResId orgId() {
    return orgId;
  }

  ResId curId() {
    return ResId.of(body);
  }

  /** Every id this object has had, the current one last. */
  List<ResId> allIds() {
    List<ResId> ids = new ArrayList<>();
    ids.add(orgId);
    ids.addAll(previousIds);
    ids.add(curId());
    return ids;
  }

  String name() {
    return curId().name();
  }

  String kind() {
    return Trees.string(body.get("kind"));
  }

  Map<String, Object> metadata() {
    return Trees.child(body, "metadata");
  }

  /** Renames the object, remembering the old id so references to it can be repaired. */
  void setName(String name) {
    previousIds.add(curId());
    metadata().put("name", name);
  }

  void setNamespace(String namespace) {
    previousIds.add(curId());
    metadata().put("namespace", namespace);
  }

  void addPrefix(String p) {
    prefixes.add(p);
  }

  void addSuffix(String s) {
    suffixes.add(s);
  }

  boolean sameAffixes(Resource o) {
    return prefixes.equals(o.prefixes) && suffixes.equals(o.suffixes);
  }

  Map<String, String> labels() {
    Map<String, Object> l = Trees.map(Trees.at(body, "metadata", "labels"));
    Map<String, String> out = new LinkedHashMap<>();
    if (l != null) {
      l.forEach((k, v) -> out.put(k, Trees.string(v)));
    }
    return out;
  }

  Map<String, String> annotations() {
    Map<String, Object> l = Trees.map(Trees.at(body, "metadata", "annotations"));
    Map<String, String> out = new LinkedHashMap<>();
    if (l != null) {
      l.forEach((k, v) -> out.put(k, Trees.string(v)));
    }
    return out;
  }

  GeneratorInfo generator() {
    return generator;
  }

  void setGenerator(GeneratorInfo g) {
    this.generator = g;
  }

  @Override
  public String toString() {
    return curId().toString();
  }
}
