package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repairs references after renames: wherever {@link NameReferenceConfig} says a field names an
 * object of some kind, and an object of that kind once had that name, the field gets the object's
 * current name. Candidates are narrowed the way Kustomize narrows them (namespace, roleRef kind,
 * shared prefixes and suffixes); an ambiguous reference is an error.
 */
final class NameReferences {
  private final List<Resource> all;

  private NameReferences(List<Resource> all) {
    this.all = all;
  }

  static void fix(List<Resource> resources) throws RenderException {
    NameReferences n = new NameReferences(resources);
    List<NameReferenceConfig.Referral> config = NameReferenceConfig.all();
    for (Resource referrer : resources) {
      ResId rid = referrer.curId();
      for (NameReferenceConfig.Referral referral : config) {
        for (FieldSpec fs : referral.referrers()) {
          if (fs.appliesTo(rid)) {
            fs.apply(referrer.body(), v -> n.fixValue(v, referrer, referral, fs));
          }
        }
      }
    }
  }

  private Object fixValue(
      Object value, Resource referrer, NameReferenceConfig.Referral referral, FieldSpec fs)
      throws RenderException {
    if (value instanceof String s) {
      Resource target = select(s, candidates(referrer), referrer, referral, fs, false);
      return target == null ? s : target.name();
    }
    List<Object> list = Trees.list(value);
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, fixValue(list.get(i), referrer, referral, fs));
      }
      return list;
    }
    Map<String, Object> m = Trees.map(value);
    if (m != null && m.get("name") instanceof String name) {
      List<Resource> cands = candidates(referrer);
      if (m.get("namespace") instanceof String ns) {
        List<Resource> byOrg = new ArrayList<>();
        List<Resource> byCur = new ArrayList<>();
        for (Resource c : all) {
          if (c.orgId().namespace().equals(ns)) {
            byOrg.add(c);
          }
          if (c.curId().namespace().equals(ns)) {
            byCur.add(c);
          }
        }
        cands = byOrg.isEmpty() ? byCur : byOrg;
      }
      Resource target = select(name, cands, referrer, referral, fs, true);
      if (target != null) {
        m.put("name", target.name());
        String tns = target.curId().namespace();
        if (!tns.isEmpty()) {
          m.put("namespace", tns);
        }
      }
      return m;
    }
    return value;
  }

  /** Objects the referrer could refer to, given namespaces. */
  private List<Resource> candidates(Resource referrer) {
    ResId rid = referrer.curId();
    if (rid.clusterScoped()) {
      return all;
    }
    List<Resource> out = new ArrayList<>();
    for (Resource c : all) {
      ResId cid = c.curId();
      if (cid.clusterScoped() || cid.sameNamespace(rid) || subjectNamespace(referrer, cid)) {
        out.add(c);
      }
    }
    return out;
  }

  private static boolean subjectNamespace(Resource referrer, ResId target) {
    List<Object> subjects = Trees.list(referrer.body().get("subjects"));
    if (subjects == null) {
      return false;
    }
    for (Object s : subjects) {
      Map<String, Object> m = Trees.map(s);
      if (m != null
          && "ServiceAccount".equals(m.get("kind"))
          && target.effectiveNamespace().equals(Trees.string(m.get("namespace")))) {
        return true;
      }
    }
    return false;
  }

  private Resource select(
      String oldName,
      List<Resource> candidates,
      Resource referrer,
      NameReferenceConfig.Referral referral,
      FieldSpec fs,
      boolean mapping)
      throws RenderException {
    ResId rid = referrer.curId();
    String roleRefKind = null;
    String roleRefGroup = null;
    if (fs.path().endsWith("roleRef/name")) {
      roleRefKind = Trees.string(Trees.at(referrer.body(), "roleRef", "kind"));
      roleRefGroup = Trees.string(Trees.at(referrer.body(), "roleRef", "apiGroup"));
    }
    List<Resource> found = new ArrayList<>();
    for (Resource c : candidates) {
      boolean nameMatch = false;
      boolean kindMatch = false;
      boolean roleMatch = roleRefKind == null;
      for (ResId id : c.allIds()) {
        nameMatch |= id.name().equals(oldName);
        kindMatch |=
            id.kind().equals(referral.kind())
                && (referral.group().isEmpty() || referral.group().equals(id.group()));
        if (roleRefKind != null) {
          roleMatch |= id.kind().equals(roleRefKind) && id.group().equals(roleRefGroup);
        }
      }
      ResId cid = c.curId();
      boolean nsOk =
          rid.clusterScoped()
              || cid.clusterScoped()
              || cid.kind().equals("ServiceAccount")
              || cid.sameNamespace(rid);
      if (nameMatch && kindMatch && roleMatch && nsOk) {
        found.add(c);
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    List<Resource> sameAffixes = new ArrayList<>();
    for (Resource c : found) {
      if (c.sameAffixes(referrer)) {
        sameAffixes.add(c);
      }
    }
    if (sameAffixes.size() == 1) {
      return sameAffixes.get(0);
    }
    if (sameAffixes.isEmpty()) {
      return null;
    }
    Resource first = sameAffixes.get(0);
    for (Resource c : sameAffixes) {
      if (!c.name().equals(first.name())
          || (mapping && !c.curId().namespace().equals(first.curId().namespace()))) {
        throw new RenderException(
            referrer.origin(),
            "reference to '"
                + oldName
                + "' in "
                + rid
                + " is ambiguous: "
                + sameAffixes.stream().map(Resource::toString).toList());
      }
    }
    return first;
  }
}
