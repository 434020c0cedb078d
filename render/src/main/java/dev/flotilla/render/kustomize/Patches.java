package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.kustomize.Kustomization.Patch;
import dev.flotilla.render.yaml.ManifestParser;
import dev.flotilla.render.yaml.YamlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code patches}, {@code patchesStrategicMerge} and {@code patchesJson6902}: loads each patch
 * (file or inline), tells strategic merge from JSON 6902 by its shape, picks its targets (the
 * {@code target} selector, or the patch's own id) and applies it.
 */
final class Patches {
  private final RepoFiles files;
  private final ManifestParser yaml;

  Patches(RepoFiles files, ManifestParser yaml) {
    this.files = files;
    this.yaml = yaml;
  }

  void strategicMergeFiles(ResourceList rl, List<String> entries, Path dir, String kfile)
      throws RenderException {
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      String field = "patchesStrategicMerge[" + i + "]";
      Loaded l = e.contains("\n") ? inline(e, kfile, field) : file(dir, e, kfile, field);
      for (Object doc : l.docs) {
        applySmp(rl, Trees.map(doc), null, l.file);
      }
    }
  }

  void patches(ResourceList rl, List<Patch> entries, Path dir, String kfile, boolean json6902)
      throws RenderException {
    for (Patch p : entries) {
      Loaded l =
          p.path().isEmpty()
              ? inline(p.patch(), kfile, p.field())
              : file(dir, p.path(), kfile, p.field());
      boolean isJson = l.docs.size() == 1 && l.docs.get(0) instanceof List<?>;
      if (json6902 && !isJson) {
        throw new RenderException(l.file, "is not a JSON 6902 patch (a list of operations)");
      }
      if (isJson) {
        if (p.target() == null) {
          throw new RenderException(
              kfile, "field '" + p.field() + "': a JSON patch needs a target");
        }
        JsonPatch jp = new JsonPatch(l.file, Trees.list(l.docs.get(0)));
        for (Resource r : selected(rl, p.target())) {
          jp.apply(r.body(), r.toString());
        }
        continue;
      }
      for (Object doc : l.docs) {
        applySmp(rl, Trees.map(doc), p.target(), l.file);
      }
    }
  }

  private void applySmp(ResourceList rl, Map<String, Object> patch, Selector target, String file)
      throws RenderException {
    if (patch == null) {
      throw new RenderException(file, "a strategic merge patch must be a mapping");
    }
    List<Resource> targets;
    if (target != null) {
      targets = selected(rl, target);
    } else {
      ResId pid = ResId.of(patch);
      if (pid.kind().isEmpty() || pid.name().isEmpty()) {
        throw new RenderException(
            file, "a strategic merge patch without a target needs kind and metadata.name");
      }
      targets = new ArrayList<>();
      for (Resource r : rl.items()) {
        if (matchesPatchId(r, pid)) {
          targets.add(r);
        }
      }
      if (targets.size() != 1) {
        throw new RenderException(
            file,
            (targets.isEmpty() ? "no object matches" : targets.size() + " objects match")
                + " the patch for "
                + pid);
      }
    }
    for (Resource r : targets) {
      Map<String, Object> copy = Trees.copyMap(patch);
      Map<String, Object> meta = Trees.child(copy, "metadata");
      meta.put("name", r.name());
      if (target != null) {
        copy.put("kind", r.kind());
        copy.put("apiVersion", r.body().get("apiVersion"));
      }
      if (!r.curId().namespace().isEmpty()) {
        meta.put("namespace", r.curId().namespace());
      } else {
        meta.remove("namespace");
      }
      if (!StrategicMerge.apply(r.body(), copy)) {
        rl.remove(r);
      }
    }
  }

  private static boolean matchesPatchId(Resource r, ResId pid) {
    for (ResId id : r.allIds()) {
      boolean gvk =
          id.kind().equals(pid.kind())
              && (pid.group().isEmpty() || id.group().equals(pid.group()))
              && id.name().equals(pid.name());
      boolean ns = pid.namespace().isEmpty() || id.sameNamespace(pid);
      if (gvk && ns) {
        return true;
      }
    }
    return false;
  }

  private static List<Resource> selected(ResourceList rl, Selector s) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : rl.items()) {
      if (s.matches(r)) {
        out.add(r);
      }
    }
    return out;
  }

  private record Loaded(String file, List<Object> docs) {}

  private Loaded file(Path dir, String ref, String kfile, String field) throws RenderException {
    Path p = files.resolve(dir, ref, kfile, field);
    String rel = files.rel(p);
    if (!files.isFile(p)) {
      throw new RenderException(
          kfile, "field '" + field + "': patch file '" + ref + "' does not exist");
    }
    return new Loaded(rel, parse(rel, files.read(p)));
  }

  private Loaded inline(String text, String kfile, String field) throws RenderException {
    return new Loaded(
        kfile, parse(kfile + " (" + field + ")", text.getBytes(StandardCharsets.UTF_8)));
  }

  private List<Object> parse(String name, byte[] bytes) throws RenderException {
    try {
      return yaml.documents(name, bytes);
    } catch (YamlException e) {
      throw new RenderException(e.file(), e.getMessage().substring(e.file().length() + 2), e);
    }
  }
}
