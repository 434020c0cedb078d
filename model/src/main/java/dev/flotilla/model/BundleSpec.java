package dev.flotilla.model;

import java.util.List;
import java.util.Optional;

/**
 * A bundle as declared by its {@code bundle.yaml}: what to render, which overlays to layer per
 * cluster, where it goes, what it requires, how it rolls out. See {@code docs/bundle-yaml.md}.
 *
 * @param name unique within a source; defaults to the directory name
 * @param path the bundle's directory, relative to the repository root ({@code /}-separated)
 * @param namespace default namespace for namespaced objects that name none; empty for none
 * @param render how to produce manifests
 * @param overlays overlay directory templates, relative to the bundle, with {@code ${...}}
 * @param targets where the bundle goes; no targets means nowhere
 * @param requires facts a targeted cluster must have
 * @param rollout how a new revision moves through the targeted clusters
 * @param dependsOn bundles that must be ready on a cluster before this one is applied
 * @param options apply-time options passed to the agent
 */
public record BundleSpec(
    String name,
    String path,
    String namespace,
    RenderSpec render,
    List<String> overlays,
    List<Target> targets,
    Requirements requires,
    RolloutPolicy rollout,
    List<String> dependsOn,
    BundleOptions options) {
  public BundleSpec {
    Names.requireDnsLabel("name", name);
    path = path == null ? "" : path;
    namespace = namespace == null ? "" : namespace;
    if (!namespace.isEmpty()) {
      Names.requireDnsLabel("namespace", namespace);
    }
    render = render == null ? RenderSpec.DEFAULT : render;
    overlays = List.copyOf(overlays == null ? List.of() : overlays);
    targets = List.copyOf(targets == null ? List.of() : targets);
    requires = requires == null ? Requirements.NONE : requires;
    rollout = rollout == null ? RolloutPolicy.ALL_AT_ONCE : rollout;
    dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
    dependsOn.forEach(d -> Names.requireDnsLabel("dependsOn", d));
    options = options == null ? BundleOptions.DEFAULT : options;
  }

  /** Which targets (by index) select a cluster with these labels; empty if none does (pure). */
  public Optional<Target> firstMatchingTarget(Labels labels) {
    return targets.stream().filter(t -> t.selector().matches(labels)).findFirst();
  }

  /** How manifests are produced: a kustomization directory, or a Helm chart. */
  public record RenderSpec(String kustomize, Optional<HelmSpec> helm) {
    public static final RenderSpec DEFAULT = new RenderSpec(".", Optional.empty());

    public RenderSpec {
      kustomize = kustomize == null || kustomize.isBlank() ? "." : kustomize;
      helm = helm == null ? Optional.empty() : helm;
    }
  }

  /**
   * A Helm chart in the repository, with values files (relative to the bundle) and inline values
   * that may use {@code ${...}} variables.
   */
  public record HelmSpec(
      String chart,
      String releaseName,
      List<String> valuesFiles,
      java.util.Map<String, Object> values) {
    public HelmSpec {
      if (chart == null || chart.isBlank()) {
        throw new IllegalArgumentException("render.helm.chart is required");
      }
      valuesFiles = List.copyOf(valuesFiles == null ? List.of() : valuesFiles);
      values = values == null ? java.util.Map.of() : java.util.Map.copyOf(values);
    }
  }

  /** One entry of {@code targets:}: an optional name and a label selector over cluster labels. */
  public record Target(String name, LabelSelector selector) {
    public Target {
      name = name == null ? "" : name;
      selector = selector == null ? LabelSelector.EVERYTHING : selector;
    }
  }
}
