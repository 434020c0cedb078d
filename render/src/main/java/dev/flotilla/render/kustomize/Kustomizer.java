package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.yaml.ManifestParser;
import dev.flotilla.render.yaml.YamlLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a kustomization directory into objects as {@code kubectl kustomize} does. Thread-safe and
 * stateless between builds; each build reads only inside its repository root.
 *
 * <pre>{@code
 * List<Map<String, Object>> objects = new Kustomizer(YamlLimits.DEFAULT).build(repo, repo.resolve("app"));
 * }</pre>
 */
public final class Kustomizer {
  private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";
  private final YamlLimits limits;
  private final ManifestParser manifests;
  private final KustomizationParser kustomizations;

  public Kustomizer(YamlLimits limits) {
    this.limits = limits;
    this.manifests = new ManifestParser(limits);
    this.kustomizations = new KustomizationParser(new ManifestParser(limits, true));
  }

  /** The objects {@code kubectl kustomize dir} prints, in its order. */
  public List<Map<String, Object>> build(Path repoRoot, Path dir) throws RenderException {
    return build(repoRoot, dir, List.of());
  }

  /**
   * Builds {@code dir} with extra components layered after its own (the bundle overlays chosen for
   * a cluster), as if they were listed last in its {@code components:}.
   */
  public List<Map<String, Object>> build(Path repoRoot, Path dir, List<Path> extraComponents)
      throws RenderException {
    return build(repoRoot, dir, extraComponents, false);
  }

  /**
   * Like {@link #build(Path, Path, List)}, but a directory without a kustomization is read as a
   * plain directory of manifests: a bundle need not be a kustomization.
   */
  public List<Map<String, Object>> buildBundle(Path repoRoot, Path dir, List<Path> extraComponents)
      throws RenderException {
    return build(repoRoot, dir, extraComponents, true);
  }

  private List<Map<String, Object>> build(
      Path repoRoot, Path dir, List<Path> extraComponents, boolean plainAllowed)
      throws RenderException {
    RepoFiles files = new RepoFiles(repoRoot, limits.maxBytes());
    Build b = new Build(files, manifests, kustomizations);
    Path d = files.resolve(files.root(), files.rel(dir.toAbsolutePath().normalize()), ".", "dir");
    Kustomization top = plainAllowed ? b.loadOrPlain(d) : b.load(d);
    ResourceList rl = b.accumulate(d, top, new ResourceList(), extraComponents);
    List<Resource> items = rl.items();
    HashSuffix.apply(items);
    NameReferences.fix(items);
    items.removeIf(r -> "true".equals(r.annotations().get(LOCAL_CONFIG)));
    Kustomization.SortOptions sort = top.sortOptions();
    if (sort == null || sort.legacy()) {
      LegacyOrder.sort(
          items,
          sort == null || sort.orderFirst() == null ? LegacyOrder.FIRST : sort.orderFirst(),
          sort == null || sort.orderLast() == null ? LegacyOrder.LAST : sort.orderLast());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Resource r : items) {
      out.add(r.body());
    }
    return out;
  }
}
