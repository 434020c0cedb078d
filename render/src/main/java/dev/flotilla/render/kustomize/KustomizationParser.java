package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.kustomize.Kustomization.Generator;
import dev.flotilla.render.kustomize.Kustomization.GeneratorOptions;
import dev.flotilla.render.kustomize.Kustomization.Image;
import dev.flotilla.render.kustomize.Kustomization.LabelSet;
import dev.flotilla.render.kustomize.Kustomization.Patch;
import dev.flotilla.render.kustomize.Kustomization.Replica;
import dev.flotilla.render.kustomize.Kustomization.SortOptions;
import dev.flotilla.render.yaml.ManifestParser;
import dev.flotilla.render.yaml.YamlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a kustomization file (pure: bytes in, {@link Kustomization} out). Fields Kustomize has but
 * this engine does not support are refused by name; unknown fields are refused too.
 */
final class KustomizationParser {
  private static final Set<String> SUPPORTED =
      Set.of(
          "apiVersion",
          "kind",
          "metadata",
          "resources",
          "bases",
          "components",
          "namespace",
          "namePrefix",
          "nameSuffix",
          "commonLabels",
          "labels",
          "commonAnnotations",
          "images",
          "replicas",
          "patches",
          "patchesStrategicMerge",
          "patchesJson6902",
          "configMapGenerator",
          "secretGenerator",
          "generatorOptions",
          "replacements",
          "sortOptions");
  private static final Set<String> REFUSED =
      Set.of(
          "vars",
          "configurations",
          "crds",
          "transformers",
          "generators",
          "validators",
          "helmCharts",
          "helmGlobals",
          "helmChartInflationGenerator",
          "openapi",
          "buildMetadata",
          "imageTags");

  private final ManifestParser yaml;

  KustomizationParser(ManifestParser yaml11) {
    this.yaml = yaml11;
  }

  Kustomization parse(String file, byte[] content) throws RenderException {
    Map<String, Object> top;
    try {
      List<Object> docs = yaml.documents(file, content);
      if (docs.size() > 1) {
        throw new RenderException(file, "must hold one YAML document, has " + docs.size());
      }
      top = docs.isEmpty() ? Map.of() : Trees.map(docs.get(0));
      if (top == null) {
        throw new RenderException(file, "must hold a YAML mapping");
      }
    } catch (YamlException e) {
      throw new RenderException(file, e.getMessage().substring(file.length() + 2), e);
    }
    KustomizationFields f = new KustomizationFields(file, "", top);
    for (String key : top.keySet()) {
      if (REFUSED.contains(key)) {
        throw f.error(key, "is not supported by Flotilla's Kustomize engine");
      }
      if (!SUPPORTED.contains(key)) {
        throw f.error(key, "unknown kustomization field");
      }
    }
    String kind = f.string("kind");
    boolean component = kind.equals("Component");
    if (!kind.isEmpty() && !component && !kind.equals("Kustomization")) {
      throw f.error("kind", "must be Kustomization or Component, got '" + kind + "'");
    }
    List<String> resources = new ArrayList<>(f.strings("resources"));
    resources.addAll(f.strings("bases"));
    return new Kustomization(
        file,
        component,
        resources,
        f.strings("components"),
        f.string("namespace"),
        f.string("namePrefix"),
        f.string("nameSuffix"),
        f.stringMap("commonLabels"),
        labels(f),
        f.stringMap("commonAnnotations"),
        images(f),
        replicas(f),
        patches(f, "patches"),
        f.strings("patchesStrategicMerge"),
        patches(f, "patchesJson6902"),
        generators(f, "configMapGenerator"),
        generators(f, "secretGenerator"),
        options(f.object("generatorOptions")),
        f.objects("replacements"),
        sortOptions(f));
  }

  private static List<LabelSet> labels(KustomizationFields f) throws RenderException {
    List<LabelSet> out = new ArrayList<>();
    for (KustomizationFields l : f.objects("labels")) {
      l.allowOnly(Set.of("pairs", "includeSelectors", "includeTemplates", "fields"), "labels");
      List<FieldSpec> fields = new ArrayList<>();
      for (KustomizationFields fs : l.objects("fields")) {
        fs.allowOnly(Set.of("path", "group", "version", "kind", "create"), "a field spec");
        fields.add(
            new FieldSpec(
                fs.string("group"),
                fs.string("version"),
                fs.string("kind"),
                fs.string("path"),
                fs.bool("create")));
      }
      out.add(
          new LabelSet(
              l.stringMap("pairs"),
              l.bool("includeSelectors"),
              l.bool("includeTemplates"),
              fields));
    }
    return out;
  }

  private static List<Image> images(KustomizationFields f) throws RenderException {
    List<Image> out = new ArrayList<>();
    for (KustomizationFields i : f.objects("images")) {
      i.allowOnly(Set.of("name", "newName", "newTag", "digest", "tagSuffix"), "images");
      if (i.has("tagSuffix")) {
        throw i.error("tagSuffix", "is not supported");
      }
      String name = i.string("name");
      if (name.isEmpty()) {
        throw i.error("name", "is required");
      }
      Object tag = i.raw("newTag");
      String newTag = tag == null ? "" : tag instanceof Number n ? numberText(n) : tag.toString();
      out.add(new Image(name, i.string("newName"), newTag, i.string("digest"), i.field("")));
    }
    return out;
  }

  private static String numberText(Number n) {
    return n instanceof Double d
        ? dev.flotilla.render.yaml.GoScalars.formatNumber(d)
        : n.toString();
  }

  private static List<Replica> replicas(KustomizationFields f) throws RenderException {
    List<Replica> out = new ArrayList<>();
    for (KustomizationFields r : f.objects("replicas")) {
      r.allowOnly(Set.of("name", "count"), "replicas");
      Object count = r.raw("count");
      if (!(count instanceof Long)) {
        throw r.error("count", "must be a whole number");
      }
      out.add(new Replica(r.string("name"), count, r.field("")));
    }
    return out;
  }

  private static List<Patch> patches(KustomizationFields f, String key) throws RenderException {
    List<Patch> out = new ArrayList<>();
    for (KustomizationFields p : f.objects(key)) {
      p.allowOnly(Set.of("path", "patch", "target", "options"), key);
      if (p.has("options")) {
        throw p.error("options", "is not supported");
      }
      Selector target = p.has("target") ? Selector.parse(p.object("target")) : null;
      if (p.has("path") == p.has("patch")) {
        throw p.error("", "set exactly one of path or patch");
      }
      if (key.equals("patchesJson6902") && target == null) {
        throw p.error("target", "is required");
      }
      out.add(
          new Patch(
              p.string("path"), p.string("patch"), target, p.field("").replaceAll("\\.$", "")));
    }
    return out;
  }

  private static List<Generator> generators(KustomizationFields f, String key)
      throws RenderException {
    List<Generator> out = new ArrayList<>();
    for (KustomizationFields g : f.objects(key)) {
      g.allowOnly(
          Set.of(
              "name",
              "namespace",
              "behavior",
              "literals",
              "files",
              "envs",
              "env",
              "type",
              "options"),
          key);
      String behavior = g.string("behavior");
      if (!behavior.isEmpty() && !Set.of("create", "merge", "replace").contains(behavior)) {
        throw g.error("behavior", "must be create, merge or replace, got '" + behavior + "'");
      }
      if (g.string("name").isEmpty()) {
        throw g.error("name", "is required");
      }
      if (key.equals("configMapGenerator") && g.has("type")) {
        throw g.error("type", "is only for secretGenerator");
      }
      List<String> envs = new ArrayList<>(g.strings("envs"));
      if (g.has("env")) {
        envs.add(g.string("env"));
      }
      out.add(
          new Generator(
              g.string("name"),
              g.string("namespace"),
              behavior.isEmpty() ? "create" : behavior,
              g.strings("literals"),
              g.strings("files"),
              envs,
              g.string("type"),
              options(g.object("options")),
              g.field("").replaceAll("\\.$", "")));
    }
    return out;
  }

  private static GeneratorOptions options(KustomizationFields o) throws RenderException {
    o.allowOnly(
        Set.of("labels", "annotations", "disableNameSuffixHash", "immutable"), "generator options");
    return new GeneratorOptions(
        o.stringMap("labels"),
        o.stringMap("annotations"),
        o.has("disableNameSuffixHash") ? o.bool("disableNameSuffixHash") : null,
        o.has("immutable") ? o.bool("immutable") : null);
  }

  private static SortOptions sortOptions(KustomizationFields f) throws RenderException {
    if (!f.has("sortOptions")) {
      return null;
    }
    KustomizationFields s = f.object("sortOptions");
    s.allowOnly(Set.of("order", "legacySortOptions"), "sortOptions");
    String order = s.string("order");
    if (!order.equals("legacy") && !order.equals("fifo")) {
      throw s.error("order", "must be legacy or fifo");
    }
    KustomizationFields l = s.object("legacySortOptions");
    l.allowOnly(Set.of("orderFirst", "orderLast"), "legacySortOptions");
    if (order.equals("fifo") && s.has("legacySortOptions")) {
      throw s.error("legacySortOptions", "is set but the order is fifo");
    }
    return new SortOptions(
        order.equals("legacy"),
        s.has("legacySortOptions") ? l.strings("orderFirst") : null,
        s.has("legacySortOptions") ? l.strings("orderLast") : null);
  }
}
