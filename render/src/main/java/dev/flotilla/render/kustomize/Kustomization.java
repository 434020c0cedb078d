package dev.flotilla.render.kustomize;

import java.util.List;
import java.util.Map;

/**
 * A parsed kustomization file (or Component): the supported fields, validated. {@code file} is the
 * file's path relative to the repository root, for messages.
 */
record Kustomization(
    String file,
    boolean component,
    List<String> resources,
    List<String> components,
    String namespace,
    String namePrefix,
    String nameSuffix,
    Map<String, String> commonLabels,
    List<LabelSet> labels,
    Map<String, String> commonAnnotations,
    List<Image> images,
    List<Replica> replicas,
    List<Patch> patches,
    List<String> patchesStrategicMerge,
    List<Patch> patchesJson6902,
    List<Generator> configMapGenerator,
    List<Generator> secretGenerator,
    GeneratorOptions generatorOptions,
    List<KustomizationFields> replacements,
    SortOptions sortOptions) {

  /** One entry of {@code labels:}. */
  record LabelSet(
      Map<String, String> pairs,
      boolean includeSelectors,
      boolean includeTemplates,
      List<FieldSpec> fields) {}

  /** One entry of {@code images:}. */
  record Image(String name, String newName, String newTag, String digest, String field) {}

  /** One entry of {@code replicas:}. */
  record Replica(String name, Object count, String field) {}

  /** One entry of {@code patches:} or {@code patchesJson6902:}: a file or inline text. */
  record Patch(String path, String patch, Selector target, String field) {}

  /** One ConfigMap or Secret generator. */
  record Generator(
      String name,
      String namespace,
      String behavior,
      List<String> literals,
      List<String> files,
      List<String> envs,
      String type,
      GeneratorOptions options,
      String field) {}

  /** {@code generatorOptions} or a generator's {@code options}. */
  record GeneratorOptions(
      Map<String, String> labels,
      Map<String, String> annotations,
      Boolean disableNameSuffixHash,
      Boolean immutable) {
    static final GeneratorOptions NONE = new GeneratorOptions(Map.of(), Map.of(), null, null);

    /** These local options over {@code global} ones, as Kustomize merges them. */
    GeneratorOptions over(GeneratorOptions global) {
      Map<String, String> l = new java.util.LinkedHashMap<>(global.labels);
      l.putAll(labels);
      Map<String, String> a = new java.util.LinkedHashMap<>(global.annotations);
      a.putAll(annotations);
      Boolean d =
          Boolean.TRUE.equals(global.disableNameSuffixHash) ? Boolean.TRUE : disableNameSuffixHash;
      Boolean i = Boolean.TRUE.equals(global.immutable) ? Boolean.TRUE : immutable;
      return new GeneratorOptions(l, a, d, i);
    }
  }

  /** {@code sortOptions}: legacy (Kustomize's kind order, the default) or fifo. */
  record SortOptions(boolean legacy, List<String> orderFirst, List<String> orderLast) {}
}
