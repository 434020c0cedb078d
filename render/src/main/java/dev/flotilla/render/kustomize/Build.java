package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.yaml.ManifestParser;
import dev.flotilla.render.yaml.YamlException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One build's recursion over kustomizations: accumulate resources (files and nested
 * kustomizations), run generators, layer components, then run transformers in Kustomize's order.
 * Tracks the directories being built to refuse cycles.
 */
final class Build {
  private static final List<String> FILE_NAMES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
  private final RepoFiles files;
  private final ManifestParser manifests;
  private final KustomizationParser parser;
  private final Deque<Path> stack = new ArrayDeque<>();

  Build(RepoFiles files, ManifestParser manifests, KustomizationParser parser) {
    this.files = files;
    this.manifests = manifests;
    this.parser = parser;
  }

  Kustomization load(Path dir) throws RenderException {
    Path found = null;
    for (String name : FILE_NAMES) {
      Path p = dir.resolve(name);
      if (files.isFile(p)) {
        if (found != null) {
          throw new RenderException(files.rel(dir), "has more than one kustomization file");
        }
        found = p;
      }
    }
    if (found == null) {
      throw new RenderException(
          files.rel(dir), "has no kustomization.yaml (or kustomization.yml, Kustomization)");
    }
    return parser.parse(files.rel(found), files.read(found));
  }

  /**
   * The kustomization of a bundle's render directory, or, when it has none, one listing every YAML
   * file directly in it (as Fleet and Flux treat a plain directory of manifests). Subdirectories
   * are not read: overlays usually live there.
   */
  Kustomization loadOrPlain(Path dir) throws RenderException {
    for (String name : FILE_NAMES) {
      if (files.isFile(dir.resolve(name))) {
        return load(dir);
      }
    }
    if (!files.isDirectory(dir)) {
      throw new RenderException(files.rel(dir), "is not a directory");
    }
    StringBuilder yaml = new StringBuilder("resources:\n");
    for (String f : files.yamlFilesIn(dir)) {
      if (!f.equals("bundle.yaml")) {
        yaml.append("- '").append(f.replace("'", "''")).append("'\n");
      }
    }
    String rel = files.rel(dir) + "/ (plain directory)";
    return parser.parse(rel, yaml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  ResourceList accumulate(Path dir, Kustomization k, ResourceList rl, List<Path> extraComponents)
      throws RenderException {
    if (stack.contains(dir)) {
      throw new RenderException(
          k.file(), "cycle: " + files.rel(dir) + " includes itself (via " + chain() + ")");
    }
    stack.push(dir);
    try {
      for (int i = 0; i < k.resources().size(); i++) {
        String ref = k.resources().get(i);
        Path p = files.resolve(dir, ref, k.file(), "resources[" + i + "]");
        if (files.isFile(p)) {
          readFile(p, rl);
        } else if (files.isDirectory(p)) {
          Kustomization sub = load(p);
          if (sub.component()) {
            throw new RenderException(
                sub.file(), "is a Component; list it under components, not resources");
          }
          rl.addAll(accumulate(p, sub, new ResourceList(), List.of()));
        } else {
          throw new RenderException(
              k.file(), "field 'resources[" + i + "]': '" + ref + "' does not exist");
        }
      }
      generators(k, dir, rl);
      List<Path> comps = new ArrayList<>();
      for (int i = 0; i < k.components().size(); i++) {
        comps.add(files.resolve(dir, k.components().get(i), k.file(), "components[" + i + "]"));
      }
      comps.addAll(extraComponents);
      for (Path c : comps) {
        if (!files.isDirectory(c)) {
          throw new RenderException(
              k.file(), "component '" + files.rel(c) + "' is not a directory");
        }
        Kustomization ck = load(c);
        if (!ck.component()) {
          throw new RenderException(
              ck.file(), "must have kind: Component to be used as a component");
        }
        rl = accumulate(c, ck, rl, List.of());
      }
      Transformers.run(k, dir, rl, files, manifests);
      return rl;
    } finally {
      stack.pop();
    }
  }

  private String chain() {
    List<String> out = new ArrayList<>();
    stack.descendingIterator().forEachRemaining(p -> out.add(files.rel(p)));
    return String.join(" -> ", out);
  }

  private void readFile(Path p, ResourceList rl) throws RenderException {
    String rel = files.rel(p);
    List<Object> docs;
    try {
      docs = manifests.documents(rel, files.read(p));
    } catch (YamlException e) {
      throw new RenderException(rel, e.getMessage().substring(rel.length() + 2), e);
    }
    for (Object doc : docs) {
      Map<String, Object> m = Trees.map(doc);
      if (m == null) {
        throw new RenderException(rel, "holds a YAML document that is not a mapping");
      }
      List<Object> items = Trees.list(m.get("items"));
      if ("List".equals(m.get("kind")) && items != null) {
        for (Object item : items) {
          addObject(Trees.map(item), rel, rl);
        }
      } else {
        addObject(m, rel, rl);
      }
    }
  }

  private static void addObject(Map<String, Object> m, String rel, ResourceList rl)
      throws RenderException {
    if (m == null) {
      throw new RenderException(rel, "holds a list item that is not a mapping");
    }
    if (Trees.string(m.get("kind")).isEmpty()) {
      throw new RenderException(rel, "holds an object without kind");
    }
    if (Trees.string(Trees.at(m, "metadata", "name")).isEmpty()) {
      throw new RenderException(rel, "holds a " + m.get("kind") + " without metadata.name");
    }
    rl.add(new Resource(m, rel));
  }

  private void generators(Kustomization k, Path dir, ResourceList rl) throws RenderException {
    DataGenerator gen = new DataGenerator(files);
    for (boolean secret : new boolean[] {false, true}) {
      for (Kustomization.Generator g : secret ? k.secretGenerator() : k.configMapGenerator()) {
        Resource r = gen.generate(g, secret, k.generatorOptions(), dir, k.file());
        GeneratorMerge.absorb(rl, r, g, k.file());
      }
    }
  }
}
