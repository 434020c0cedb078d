package dev.flotilla.render.kustomize;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code images:}: rewrites the {@code image} of every element of any {@code containers} or {@code
 * initContainers} list anywhere in an object, matching and splitting image references the way
 * Kustomize does.
 */
final class ImageTransformer {
  private final Kustomization.Image image;
  private final Pattern match;

  ImageTransformer(Kustomization.Image image) {
    this.image = image;
    Pattern p;
    try {
      p =
          Pattern.compile(
              "^" + image.name() + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$");
    } catch (PatternSyntaxException e) {
      p = null;
    }
    this.match = p;
  }

  void apply(List<Resource> resources) {
    if (match == null) {
      return;
    }
    for (Resource r : resources) {
      walk(r.body());
    }
  }

  private void walk(Object node) {
    Map<String, Object> m = Trees.map(node);
    if (m != null) {
      for (Map.Entry<String, Object> e : m.entrySet()) {
        List<Object> l = Trees.list(e.getValue());
        if (l != null && (e.getKey().equals("containers") || e.getKey().equals("initContainers"))) {
          for (Object c : l) {
            Map<String, Object> cm = Trees.map(c);
            if (cm != null && cm.get("image") instanceof String s) {
              cm.put("image", update(s));
            }
          }
        }
        walk(e.getValue());
      }
      return;
    }
    List<Object> l = Trees.list(node);
    if (l != null) {
      l.forEach(this::walk);
    }
  }

  String update(String value) {
    if (!match.matcher(value).matches()) {
      return value;
    }
    String[] parts = split(value);
    String name = parts[0];
    String tag = parts[1];
    String digest = parts[2];
    if (!image.newName().isEmpty()) {
      name = image.newName();
    }
    if (!image.newTag().isEmpty() && !image.digest().isEmpty()) {
      tag = image.newTag();
      digest = image.digest();
    } else if (!image.newTag().isEmpty()) {
      tag = image.newTag();
      digest = "";
    } else if (!image.digest().isEmpty()) {
      tag = "";
      digest = image.digest();
    }
    if (!tag.isEmpty()) {
      name += ":" + tag;
    }
    if (!digest.isEmpty()) {
      name += "@" + digest;
    }
    return name;
  }

  /** Name, tag and digest of an image reference, ignoring a registry's port. */
  static String[] split(String image) {
    int slash = image.indexOf('/');
    String search = slash > 0 ? image.substring(slash) : image;
    int offset = slash > 0 ? slash : 0;
    int id = search.indexOf('@');
    int ic = search.indexOf(':');
    if (ic < 0 && id < 0) {
      return new String[] {image, "", ""};
    }
    if (id >= 0 && (id < ic || ic < 0)) {
      id += offset;
      return new String[] {image.substring(0, id), "", image.substring(id + 1)};
    }
    if (id >= 0) {
      id += offset;
      ic += offset;
      return new String[] {
        image.substring(0, ic), image.substring(ic + 1, id), image.substring(id + 1)
      };
    }
    ic += offset;
    return new String[] {image.substring(0, ic), image.substring(ic + 1), ""};
  }
}
