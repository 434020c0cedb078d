package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transformers that rewrite metadata: namespace, name prefix and suffix, labels (with selectors
 * and templates where asked), annotations. Each edits the objects in place.
 */
final class MetadataTransformers {
  private static final Set<String> NO_PREFIX = Set.of("CustomResourceDefinition", "Namespace");

  private MetadataTransformers() {}

  static void namespace(List<Resource> resources, String ns) throws RenderException {
    for (Resource r : resources) {
      ResId id = r.curId();
      if (!id.clusterScoped() && !ns.equals(id.namespace())) {
        r.setNamespace(ns);
      }
      Map<String, Object> body = r.body();
      if (id.kind().equals("Namespace") && id.apiVersion().equals("v1") && !ns.equals(id.name())) {
        r.setName(ns);
      }
      if (id.kind().equals("RoleBinding") || id.kind().equals("ClusterRoleBinding")) {
        List<Object> subjects = Trees.list(body.get("subjects"));
        if (subjects != null) {
          for (Object s : subjects) {
            Map<String, Object> m = Trees.map(s);
            if (m != null && "default".equals(m.get("name"))) {
              m.put("namespace", ns);
            }
          }
        }
      }
      if (id.kind().equals("APIService") && id.group().equals("apiregistration.k8s.io")) {
        FieldSpec.any("spec/service/namespace", true).apply(body, v -> ns);
      }
      if (id.kind().equals("CustomResourceDefinition")) {
        FieldSpec.any("spec/conversion/webhook/clientConfig/service/namespace", false)
            .apply(body, v -> ns);
      }
    }
  }

  static void prefix(List<Resource> resources, String prefix) {
    for (Resource r : resources) {
      if (skipsAffix(r)) {
        continue;
      }
      r.setName(prefix + r.name());
      r.addPrefix(prefix);
    }
  }

  static void suffix(List<Resource> resources, String suffix) {
    for (Resource r : resources) {
      if (skipsAffix(r)) {
        continue;
      }
      r.setName(r.name() + suffix);
      r.addSuffix(suffix);
    }
  }

  private static boolean skipsAffix(Resource r) {
    ResId id = r.curId();
    return NO_PREFIX.contains(id.kind())
        || (id.kind().equals("APIService") && id.group().equals("apiregistration.k8s.io"));
  }

  /** Adds {@code pairs} to the map at each applicable field spec (labels or annotations). */
  static void addPairs(List<Resource> resources, Map<String, String> pairs, List<FieldSpec> specs)
      throws RenderException {
    if (pairs.isEmpty()) {
      return;
    }
    for (Resource r : resources) {
      ResId id = r.curId();
      for (FieldSpec fs : specs) {
        if (!fs.appliesTo(id)) {
          continue;
        }
        fs.apply(
            r.body(),
            current -> {
              Map<String, Object> m = Trees.map(current);
              if (m == null) {
                m = new LinkedHashMap<>();
              }
              m.putAll(pairs);
              return m;
            });
      }
    }
  }
}
