package dev.flotilla.testkit.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who owns which fields of one object: an ordered list of entries per (manager, operation), as
 * {@code metadata.managedFields} shows them. An immutable value; changes return a copy.
 */
record ManagedFields(List<Entry> entries) {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  /** One manager's fields through one operation. */
  record Entry(
      String manager, String operation, String apiVersion, String time, Set<FieldPath> fields) {
    Entry {
      fields = Set.copyOf(fields);
    }

    boolean is(String manager, String operation) {
      return this.manager.equals(manager) && this.operation.equals(operation);
    }
  }

  ManagedFields {
    entries = List.copyOf(entries);
  }

  static ManagedFields none() {
    return new ManagedFields(List.of());
  }

  Set<FieldPath> fieldsOf(String manager, String operation) {
    return entries.stream()
        .filter(e -> e.is(manager, operation))
        .findFirst()
        .map(Entry::fields)
        .orElse(Set.of());
  }

  /**
   * Replaces the (manager, operation) entry with {@code entry}; a changed entry moves to the end,
   * as the API server orders them; empty entries disappear.
   */
  ManagedFields with(Entry entry) {
    List<Entry> out = new ArrayList<>();
    Entry previous = null;
    for (Entry e : entries) {
      if (e.is(entry.manager(), entry.operation())) {
        previous = e;
      } else {
        out.add(e);
      }
    }
    if (!entry.fields().isEmpty()) {
      if (previous != null && previous.fields().equals(entry.fields())) {
        out.add(entries.indexOf(previous), previous);
      } else {
        out.add(entry);
      }
    }
    return new ManagedFields(out);
  }

  /** Every other entry loses {@code paths}. */
  ManagedFields withoutFields(Set<FieldPath> paths, Entry except) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (except != null && e.is(except.manager(), except.operation())) {
        out.add(e);
        continue;
      }
      Set<FieldPath> kept = new LinkedHashSet<>(e.fields());
      kept.removeAll(paths);
      if (!kept.isEmpty()) {
        out.add(
            kept.size() == e.fields().size()
                ? e
                : new Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), kept));
      }
    }
    return new ManagedFields(out);
  }

  /** The {@code metadata.managedFields} list, with {@code fieldsV1} trees. */
  List<Map<String, Object>> render() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> tree = new LinkedHashMap<>();
      e.fields().stream()
          .sorted((a, b) -> a.elements().toString().compareTo(b.elements().toString()))
          .forEach(p -> insert(tree, p.elements()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("manager", e.manager());
      m.put("operation", e.operation());
      m.put("apiVersion", e.apiVersion());
      m.put("time", e.time());
      m.put("fieldsType", "FieldsV1");
      m.put("fieldsV1", tree);
      out.add(m);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> tree, List<String> elements) {
    Map<String, Object> cur = tree;
    for (String e : elements) {
      cur = (Map<String, Object>) cur.computeIfAbsent(e, k -> new LinkedHashMap<>());
    }
  }
}
