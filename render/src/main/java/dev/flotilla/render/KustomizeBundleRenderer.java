package dev.flotilla.render;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.KubeObject;
import dev.flotilla.render.cache.RenderCache;
import dev.flotilla.render.helm.HelmChartRenderer;
import dev.flotilla.render.kustomize.Kustomizer;
import dev.flotilla.render.kustomize.RepoFiles;
import dev.flotilla.render.overlay.OverlayResolver;
import dev.flotilla.render.substitute.Substitution;
import dev.flotilla.render.substitute.Variables;
import dev.flotilla.render.yaml.ManifestParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The bundle renderer: the bundle's kustomization (or Helm chart) with the overlays chosen by the
 * cluster's labels layered as Kustomize Components, the bundle's namespace given to namespaced
 * objects without one, then {@code ${...}} substitution. Renders once per distinct input, with two
 * cache levels: the build per (repository, revision, bundle, chosen overlays) and the substituted
 * set per (build, values of the variables the build references). Thread-safe.
 */
public final class KustomizeBundleRenderer implements BundleRenderer {
  private final RenderLimits limits;
  private final Kustomizer kustomizer;
  private final HelmChartRenderer helm;
  private final RenderCache<BaseKey, Base> bases;
  private final RenderCache<SetKey, ManifestSet> sets;
  private final RenderCache<OverlayKey, List<String>> overlayChoices;

  public KustomizeBundleRenderer(RenderLimits limits) {
    this.limits = limits;
    this.kustomizer = new Kustomizer(limits.yaml());
    this.helm = new HelmChartRenderer(new ManifestParser(limits.yaml()));
    this.bases = new RenderCache<>(limits.cacheEntries());
    this.sets = new RenderCache<>(limits.cacheEntries());
    this.overlayChoices = new RenderCache<>(limits.cacheEntries());
  }

  public static KustomizeBundleRenderer withDefaults() {
    return new KustomizeBundleRenderer(RenderLimits.DEFAULT);
  }

  /** Everything a build depends on besides file contents, which the revision pins. */
  record BaseKey(
      String repoRoot,
      String revision,
      String bundlePath,
      BundleSpec.RenderSpec render,
      String namespace,
      List<String> overlayDirs,
      SortedMap<String, String> helmValues) {}

  /** A build and the variables it references. */
  record Base(List<Map<String, Object>> objects, SortedSet<String> variables) {}

  record SetKey(BaseKey base, SortedMap<String, String> values) {}

  /** Which overlay directories exist is fixed by the revision: looked up once per candidate set. */
  record OverlayKey(String repoRoot, String revision, String bundlePath, List<String> candidates) {}

  @Override
  public ManifestSet render(RenderRequest request) throws RenderException {
    BundleSpec spec = request.bundle();
    String root = request.repoRoot().toAbsolutePath().normalize().toString();
    String bundleFile = (spec.path().isEmpty() ? "" : spec.path() + "/") + "bundle.yaml";
    List<String> candidates = new ArrayList<>();
    for (int i = 0; i < spec.overlays().size(); i++) {
      try {
        OverlayResolver.Resolved r =
            OverlayResolver.resolve(spec.overlays().get(i), request.cluster().labels());
        candidates.add(r.chosen() ? r.dir() : "");
      } catch (IllegalArgumentException e) {
        throw new RenderException(bundleFile, "field 'overlays[" + i + "]': " + e.getMessage());
      }
    }
    List<String> overlayDirs =
        overlayChoices.get(
            new OverlayKey(root, request.revision().id(), spec.path(), candidates),
            RenderException.class,
            () -> {
              RepoFiles files = new RepoFiles(request.repoRoot(), limits.yaml().maxBytes());
              return chosenOverlays(
                  files, bundleDir(files, spec, bundleFile), bundleFile, spec, request.cluster());
            });
    TreeMap<String, String> helmValues = new TreeMap<>();
    if (spec.render().helm().isPresent()) {
      if (!overlayDirs.isEmpty()) {
        throw new RenderException(
            bundleFile, "field 'overlays': overlays are not supported with render.helm");
      }
      SortedSet<String> used =
          Substitution.referenced(List.of(spec.render().helm().get().values()));
      helmValues.putAll(resolveAll(used, request.cluster(), bundleFile, "render.helm.values"));
    }
    BaseKey key =
        new BaseKey(
            root,
            request.revision().id(),
            spec.path(),
            spec.render(),
            spec.namespace(),
            overlayDirs,
            helmValues);
    Base base =
        bases.get(
            key,
            RenderException.class,
            () -> {
              RepoFiles files = new RepoFiles(request.repoRoot(), limits.yaml().maxBytes());
              return build(files, bundleDir(files, spec, bundleFile), bundleFile, spec, key);
            });
    TreeMap<String, String> values = new TreeMap<>();
    for (String v : base.variables()) {
      Variables.value(request.cluster(), v).ifPresent(x -> values.put(v, x));
    }
    return sets.get(
        new SetKey(key, values),
        RenderException.class,
        () -> substitute(base, values, bundleFile, request.cluster()));
  }

  private static Path bundleDir(RepoFiles files, BundleSpec spec, String bundleFile)
      throws RenderException {
    return files.resolve(
        files.root(), spec.path().isEmpty() ? "." : spec.path(), bundleFile, "path");
  }

  /** The overlay directories (relative to the bundle) that apply to this cluster, in order. */
  public static List<String> chosenOverlays(
      RepoFiles files, Path bundleDir, String bundleFile, BundleSpec spec, ClusterVars cluster)
      throws RenderException {
    List<String> out = new ArrayList<>();
    List<String> templates = spec.overlays();
    for (int i = 0; i < templates.size(); i++) {
      OverlayResolver.Resolved r;
      try {
        r = OverlayResolver.resolve(templates.get(i), cluster.labels());
      } catch (IllegalArgumentException e) {
        throw new RenderException(bundleFile, "field 'overlays[" + i + "]': " + e.getMessage());
      }
      if (!r.chosen()) {
        continue;
      }
      Path dir = files.resolve(bundleDir, r.dir(), bundleFile, "overlays[" + i + "]");
      if (files.isDirectory(dir)) {
        out.add(r.dir());
      }
    }
    return out;
  }

  private Base build(
      RepoFiles files, Path bundleDir, String bundleFile, BundleSpec spec, BaseKey key)
      throws RenderException {
    List<Map<String, Object>> objects;
    if (spec.render().helm().isPresent()) {
      BundleSpec.HelmSpec h = spec.render().helm().get();
      Substitution.Result values =
          Substitution.apply(h.values(), name -> Optional.ofNullable(key.helmValues().get(name)));
      String release = h.releaseName().isEmpty() ? spec.name() : h.releaseName();
      objects =
          helm.render(files, bundleDir, bundleFile, h, release, spec.namespace(), values.tree());
    } else {
      Path dir =
          files.resolve(bundleDir, spec.render().kustomize(), bundleFile, "render.kustomize");
      List<Path> overlays = new ArrayList<>();
      for (String o : key.overlayDirs()) {
        overlays.add(bundleDir.resolve(o).normalize());
      }
      objects = kustomizer.buildBundle(files.root(), dir, overlays);
    }
    if (!spec.namespace().isEmpty()) {
      for (Map<String, Object> o : objects) {
        defaultNamespace(o, spec.namespace());
      }
    }
    return new Base(List.copyOf(objects), Substitution.referenced(objects));
  }

  @SuppressWarnings("unchecked")
  private static void defaultNamespace(Map<String, Object> o, String namespace) {
    if (dev.flotilla.render.kustomize.ResId.isClusterScopedKind(String.valueOf(o.get("kind")))) {
      return;
    }
    Object meta = o.computeIfAbsent("metadata", k -> new java.util.LinkedHashMap<String, Object>());
    if (meta instanceof Map<?, ?> m) {
      Object ns = m.get("namespace");
      if (ns == null || ns.toString().isEmpty()) {
        ((Map<String, Object>) m).put("namespace", namespace);
      }
    }
  }

  private ManifestSet substitute(
      Base base, Map<String, String> values, String bundleFile, ClusterVars cluster)
      throws RenderException {
    List<KubeObject> out = new ArrayList<>();
    for (Map<String, Object> o : base.objects()) {
      Substitution.Result r = Substitution.apply(o, name -> Optional.ofNullable(values.get(name)));
      if (r.unresolved().isPresent()) {
        Substitution.Unresolved u = r.unresolved().get();
        throw new RenderException(
            bundleFile,
            "object "
                + o.get("kind")
                + "/"
                + ((Map<?, ?>) o.getOrDefault("metadata", Map.of())).get("name")
                + " field '"
                + u.field()
                + "' uses ${"
                + u.variable()
                + "}, which cluster "
                + cluster.clusterName()
                + " does not have (write $${...} for a literal ${...})");
      }
      try {
        out.add(KubeObject.of(r.tree()));
      } catch (IllegalArgumentException e) {
        throw new RenderException(bundleFile, "rendered an invalid object: " + e.getMessage(), e);
      }
    }
    ManifestSet set = ManifestSet.of(out);
    if (set.bytes().length > limits.maxOutputBytes()) {
      throw new RenderException(
          bundleFile,
          "renders to "
              + set.bytes().length
              + " bytes, over the limit of "
              + limits.maxOutputBytes()
              + " bytes");
    }
    return set;
  }

  private static Map<String, String> resolveAll(
      SortedSet<String> names, ClusterVars cluster, String file, String field)
      throws RenderException {
    TreeMap<String, String> out = new TreeMap<>();
    for (String n : names) {
      String v =
          Variables.value(cluster, n)
              .orElseThrow(
                  () ->
                      new RenderException(
                          file,
                          "field '"
                              + field
                              + "' uses ${"
                              + n
                              + "}, which cluster "
                              + cluster.clusterName()
                              + " does not have"));
      out.put(n, v);
    }
    return out;
  }

  /** Render and cache counters. */
  public RenderStats stats() {
    return new RenderStats(bases.computations(), bases.hits(), sets.computations(), sets.hits());
  }
}
