package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.List;
import java.util.Map;

/**
 * Adds a generated ConfigMap or Secret to the build by its {@code behavior}: create (it must be
 * new), merge (data, labels and annotations over an existing one), replace (take its place).
 */
final class GeneratorMerge {
  private GeneratorMerge() {}

  static void absorb(ResourceList rl, Resource generated, Kustomization.Generator g, String file)
      throws RenderException {
    List<Resource> existing = rl.matching(generated.curId());
    if (g.behavior().equals("create")) {
      rl.add(generated);
      return;
    }
    if (existing.size() != 1) {
      throw new RenderException(
          file,
          "field '"
              + g.field()
              + "': behavior "
              + g.behavior()
              + " needs exactly one existing "
              + generated.kind()
              + " named "
              + g.name()
              + ", found "
              + existing.size());
    }
    Resource old = existing.get(0);
    if (g.behavior().equals("replace")) {
      Map<String, Object> meta = Trees.child(generated.body(), "metadata");
      meta.put("name", old.name());
      if (!old.curId().namespace().isEmpty()) {
        meta.put("namespace", old.curId().namespace());
      }
      old.body().clear();
      old.body().putAll(generated.body());
    } else {
      Map<String, Object> body = old.body();
      for (String key : List.of("data", "binaryData")) {
        Map<String, Object> add = Trees.map(generated.body().get(key));
        if (add != null) {
          Trees.child(body, key).putAll(add);
        }
      }
      for (String key : List.of("labels", "annotations")) {
        Map<String, Object> add = Trees.map(Trees.at(generated.body(), "metadata", key));
        if (add != null) {
          Trees.child(old.metadata(), key).putAll(add);
        }
      }
    }
    // The existing object keeps its own hashing: a plain ConfigMap replaced by a generator stays
    // unhashed, as in Kustomize.
    Resource.GeneratorInfo prev = old.generator();
    old.setGenerator(new Resource.GeneratorInfo(g.behavior(), prev != null && prev.hashSuffix()));
  }
}
