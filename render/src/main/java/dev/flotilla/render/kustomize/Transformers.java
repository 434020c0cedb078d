package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.yaml.ManifestParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one kustomization's transformers over the accumulated objects, in Kustomize's order:
 * strategic merge patches, patches, namespace, prefix, suffix, labels, annotations, JSON 6902
 * patches, replicas, images, replacements.
 */
final class Transformers {
  private Transformers() {}

  static void run(Kustomization k, Path dir, ResourceList rl, RepoFiles files, ManifestParser yaml)
      throws RenderException {
    Patches patches = new Patches(files, yaml);
    patches.strategicMergeFiles(rl, k.patchesStrategicMerge(), dir, k.file());
    patches.patches(rl, k.patches(), dir, k.file(), false);
    List<Resource> items = rl.items();
    if (!k.namespace().isEmpty()) {
      MetadataTransformers.namespace(items, k.namespace());
    }
    if (!k.namePrefix().isEmpty()) {
      MetadataTransformers.prefix(items, k.namePrefix());
    }
    if (!k.nameSuffix().isEmpty()) {
      MetadataTransformers.suffix(items, k.nameSuffix());
    }
    for (Kustomization.LabelSet l : k.labels()) {
      List<FieldSpec> specs = new ArrayList<>(l.fields());
      if (l.includeSelectors()) {
        specs.addAll(BuiltinFieldSpecs.commonLabels());
      } else {
        if (l.includeTemplates()) {
          specs.addAll(BuiltinFieldSpecs.templateLabels());
        }
        specs.add(FieldSpec.any("metadata/labels", true));
      }
      MetadataTransformers.addPairs(items, l.pairs(), specs);
    }
    MetadataTransformers.addPairs(items, k.commonLabels(), BuiltinFieldSpecs.commonLabels());
    MetadataTransformers.addPairs(
        items, k.commonAnnotations(), BuiltinFieldSpecs.commonAnnotations());
    patches.patches(rl, k.patchesJson6902(), dir, k.file(), true);
    for (Kustomization.Replica r : k.replicas()) {
      replicas(items, r, k.file());
    }
    for (Kustomization.Image image : k.images()) {
      new ImageTransformer(image).apply(items);
    }
    Replacements.apply(items, k.replacements());
  }

  private static void replicas(List<Resource> items, Kustomization.Replica r, String file)
      throws RenderException {
    boolean found = false;
    for (FieldSpec fs : BuiltinFieldSpecs.replicas()) {
      for (Resource res : items) {
        boolean named = res.allIds().stream().anyMatch(id -> id.name().equals(r.name()));
        if (named && fs.appliesTo(res.curId())) {
          found = true;
          fs.apply(res.body(), v -> r.count());
        }
      }
    }
    if (!found) {
      throw new RenderException(
          file,
          "field '"
              + r.field().replaceAll("\\.$", "")
              + "': no Deployment, ReplicationController, ReplicaSet or StatefulSet is named "
              + r.name());
    }
  }
}
