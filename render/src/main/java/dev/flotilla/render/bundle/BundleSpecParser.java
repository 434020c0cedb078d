package dev.flotilla.render.bundle;

import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.BundleSpec.HelmSpec;
import dev.flotilla.model.BundleSpec.RenderSpec;
import dev.flotilla.model.BundleSpec.Target;
import dev.flotilla.model.DurationText;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Requirements;
import dev.flotilla.model.RolloutPolicy;
import dev.flotilla.model.RolloutPolicy.Amount;
import dev.flotilla.model.RolloutPolicy.Rollback;
import dev.flotilla.model.RolloutPolicy.Stage;
import dev.flotilla.render.yaml.YamlException;
import dev.flotilla.render.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parses and validates one {@code bundle.yaml} (pure: bytes in, spec or error out). The format is
 * documented in {@code docs/bundle-yaml.md}.
 */
public final class BundleSpecParser {
  private static final Set<String> TOP =
      Set.of(
          "name",
          "namespace",
          "render",
          "overlays",
          "targets",
          "requires",
          "rollout",
          "dependsOn",
          "options");

  private final YamlReader yaml;

  public BundleSpecParser(YamlReader yaml) {
    this.yaml = yaml;
  }

  /**
   * @param file the file's path relative to the repository root, for errors
   * @param bundleDir the bundle's directory relative to the repository root
   * @param content the file's bytes
   */
  public BundleSpec parse(String file, String bundleDir, byte[] content)
      throws BundleSpecException {
    Fields top;
    try {
      top = new Fields(file, "", yaml.mapDocument(file, content));
    } catch (YamlException e) {
      throw new BundleSpecException(file, "", e.getMessage().substring(file.length() + 2), e);
    }
    top.rejectUnknown(TOP);
    String dirName =
        bundleDir.contains("/") ? bundleDir.substring(bundleDir.lastIndexOf('/') + 1) : bundleDir;
    String name = top.string("name").orElse(dirName);
    String namespace = top.string("namespace").orElse("");
    RenderSpec render = render(top);
    List<String> overlays = top.strings("overlays");
    for (int i = 0; i < overlays.size(); i++) {
      checkRelative(file, "overlays[" + i + "]", overlays.get(i));
    }
    List<Target> targets = targets(top);
    Requirements requires = requires(top);
    RolloutPolicy rollout = rollout(top);
    List<String> dependsOn = top.strings("dependsOn");
    BundleOptions options = options(top);
    return build(
        file,
        "",
        () ->
            new BundleSpec(
                name, bundleDir, namespace, render, overlays, targets, requires, rollout, dependsOn,
                options));
  }

  private RenderSpec render(Fields top) throws BundleSpecException {
    Optional<Fields> r = top.object("render");
    if (r.isEmpty()) {
      return RenderSpec.DEFAULT;
    }
    Fields f = r.get();
    f.rejectUnknown(Set.of("kustomize", "helm"));
    String kustomize = f.string("kustomize").orElse(".");
    checkRelative(f.file(), f.path("kustomize"), kustomize);
    Optional<HelmSpec> helm = Optional.empty();
    Optional<Fields> h = f.object("helm");
    if (h.isPresent()) {
      Fields hf = h.get();
      hf.rejectUnknown(Set.of("chart", "releaseName", "valuesFiles", "values"));
      String chart = hf.string("chart").orElseThrow(() -> hf.error("chart", "is required"));
      checkRelative(hf.file(), hf.path("chart"), chart);
      List<String> valuesFiles = hf.strings("valuesFiles");
      for (int i = 0; i < valuesFiles.size(); i++) {
        checkRelative(hf.file(), hf.path("valuesFiles") + "[" + i + "]", valuesFiles.get(i));
      }
      helm =
          Optional.of(
              new HelmSpec(
                  chart, hf.string("releaseName").orElse(""), valuesFiles, hf.rawMap("values")));
      if (f.has("kustomize")) {
        throw f.error("helm", "set either render.kustomize or render.helm, not both");
      }
    }
    return new RenderSpec(kustomize, helm);
  }

  private List<Target> targets(Fields top) throws BundleSpecException {
    List<Object> raw = top.list("targets");
    List<Target> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Fields t = Fields.of(top.file(), "targets[" + i + "]", raw.get(i));
      t.rejectUnknown(Set.of("name", "selector"));
      String name = t.string("name").orElse("");
      LabelSelector selector =
          t.object("selector").isPresent()
              ? selector(t.object("selector").get())
              : LabelSelector.EVERYTHING;
      out.add(new Target(name, selector));
    }
    return out;
  }

  static LabelSelector selector(Fields s) throws BundleSpecException {
    s.rejectUnknown(Set.of("matchLabels", "matchExpressions"));
    java.util.Map<String, String> matchLabels = new java.util.LinkedHashMap<>();
    for (var e : s.rawMap("matchLabels").entrySet()) {
      if (e.getValue() instanceof java.util.Map<?, ?> || e.getValue() instanceof List<?>) {
        throw s.error("matchLabels." + e.getKey(), "must be a string");
      }
      matchLabels.put(e.getKey(), String.valueOf(e.getValue()));
    }
    List<LabelSelector.Requirement> exprs = new ArrayList<>();
    List<Object> raw = s.list("matchExpressions");
    for (int i = 0; i < raw.size(); i++) {
      Fields x = Fields.of(s.file(), s.path("matchExpressions") + "[" + i + "]", raw.get(i));
      x.rejectUnknown(Set.of("key", "operator", "values"));
      String key = x.string("key").orElseThrow(() -> x.error("key", "is required"));
      String op = x.string("operator").orElseThrow(() -> x.error("operator", "is required"));
      List<String> values = x.strings("values");
      exprs.add(
          build(
              x.file(),
              x.path(),
              () ->
                  new LabelSelector.Requirement(
                      key, LabelSelector.Operator.fromWireName(op), values)));
    }
    return build(s.file(), s.path(), () -> new LabelSelector(matchLabels, exprs));
  }

  private Requirements requires(Fields top) throws BundleSpecException {
    Optional<Fields> r = top.object("requires");
    if (r.isEmpty()) {
      return Requirements.NONE;
    }
    Fields f = r.get();
    f.rejectUnknown(
        Set.of("arch", "minMemoryMiB", "runtimeClasses", "distros", "minKubernetesVersion"));
    List<String> arch = f.strings("arch");
    long minMemory = f.number("minMemoryMiB").orElse(0L);
    List<String> runtimeClasses = f.strings("runtimeClasses");
    List<String> distros = f.strings("distros");
    Optional<String> minKube = f.string("minKubernetesVersion");
    return build(
        f.file(),
        f.path(),
        () -> new Requirements(arch, minMemory, runtimeClasses, distros, minKube));
  }

  private RolloutPolicy rollout(Fields top) throws BundleSpecException {
    Optional<Fields> r = top.object("rollout");
    if (r.isEmpty()) {
      return RolloutPolicy.ALL_AT_ONCE;
    }
    Fields f = r.get();
    f.rejectUnknown(
        Set.of(
            "stages",
            "maxUnavailable",
            "healthTimeout",
            "failureThreshold",
            "rollback",
            "orderBy"));
    List<Stage> stages = new ArrayList<>();
    List<Object> raw = f.list("stages");
    for (int i = 0; i < raw.size(); i++) {
      String path = f.path("stages") + "[" + i + "]";
      Object s = raw.get(i);
      if (s instanceof java.util.Map<?, ?>) {
        Fields sf = Fields.of(f.file(), path, s);
        sf.rejectUnknown(Set.of("name", "selector"));
        Fields sel = sf.object("selector").orElseThrow(() -> sf.error("selector", "is required"));
        stages.add(new Stage.Selected(sf.string("name").orElse(""), selector(sel)));
      } else {
        Amount a = build(f.file(), path, () -> Amount.parse(String.valueOf(s)));
        if (!a.isPercent()) {
          throw new BundleSpecException(
              f.file(), path, "a stage is a percentage like 10% or a {name, selector}");
        }
        stages.add(build(f.file(), path, () -> new Stage.Percent(a.value())));
      }
    }
    Amount maxUnavailable = amount(f, "maxUnavailable");
    Amount failureThreshold = amount(f, "failureThreshold");
    java.time.Duration healthTimeout = null;
    if (f.has("healthTimeout")) {
      String text = f.string("healthTimeout").get();
      healthTimeout = build(f.file(), f.path("healthTimeout"), () -> DurationText.parse(text));
    }
    Rollback rollback = null;
    if (f.has("rollback")) {
      String text = f.string("rollback").get();
      rollback =
          switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> Rollback.AUTO;
            case "manual" -> Rollback.MANUAL;
            default -> throw f.error("rollback", "must be auto or manual, got '" + text + "'");
          };
    }
    Optional<String> orderBy = f.string("orderBy");
    java.time.Duration timeout = healthTimeout;
    Rollback rb = rollback;
    return build(
        f.file(),
        f.path(),
        () -> new RolloutPolicy(stages, maxUnavailable, timeout, failureThreshold, rb, orderBy));
  }

  private static Amount amount(Fields f, String key) throws BundleSpecException {
    if (!f.has(key)) {
      return null;
    }
    String text = f.string(key).get();
    return build(f.file(), f.path(key), () -> Amount.parse(text));
  }

  private BundleOptions options(Fields top) throws BundleSpecException {
    Optional<Fields> o = top.object("options");
    if (o.isEmpty()) {
      return BundleOptions.DEFAULT;
    }
    Fields f = o.get();
    f.rejectUnknown(Set.of("forceConflicts", "prune", "allowedNamespaces"));
    boolean force = f.bool("forceConflicts").orElse(false);
    boolean prune = f.bool("prune").orElse(true);
    List<String> allowed = f.strings("allowedNamespaces");
    return build(f.file(), f.path(), () -> new BundleOptions(force, prune, allowed));
  }

  private static void checkRelative(String file, String field, String path)
      throws BundleSpecException {
    if (path.startsWith("/") || path.contains("://")) {
      throw new BundleSpecException(
          file,
          field,
          "must be a path relative to the bundle (it may not leave the repository), got '"
              + path
              + "'");
    }
  }

  /** Runs a record constructor, turning its validation error into one that names the field. */
  private static <T> T build(String file, String field, Supplier<T> constructor)
      throws BundleSpecException {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new BundleSpecException(file, field, e.getMessage(), e);
    }
  }
}
