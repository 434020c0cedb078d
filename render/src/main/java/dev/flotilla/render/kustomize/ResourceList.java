package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of a build in their accumulation order. Adding an object whose id is already present
 * is an error naming both files, as Kustomize refuses duplicate ids.
 */
final class ResourceList {
  private final List<Resource> items = new ArrayList<>();

  List<Resource> items() {
    return items;
  }

  void add(Resource r) throws RenderException {
    ResId id = r.curId();
    for (Resource existing : items) {
      if (existing.curId().sameObject(id)) {
        throw new RenderException(
            r.origin(),
            "may not add resource with an already registered id: "
                + id
                + " (also in "
                + existing.origin()
                + ")");
      }
    }
    items.add(r);
  }

  void addAll(ResourceList other) throws RenderException {
    for (Resource r : other.items) {
      add(r);
    }
  }

  void remove(Resource r) {
    items.remove(r);
  }

  /** Objects whose current or original id is {@code id}'s object. */
  List<Resource> matching(ResId id) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : items) {
      if (r.curId().sameObject(id) || r.orgId().sameObject(id)) {
        out.add(r);
      }
    }
    return out;
  }
}
