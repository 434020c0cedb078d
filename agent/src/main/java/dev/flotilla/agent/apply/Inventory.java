package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The objects a bundle applied, sorted and without duplicates: what the next run prunes against and
 * what removing the bundle deletes. The caller persists it, one {@link #entryString} per object
 * ({@code apiVersion|kind|namespace|name}, namespace empty for cluster-scoped objects).
 */
public record Inventory(List<ObjectRef> entries) {
  private static final String SEPARATOR = "|";

  public Inventory {
    entries = List.copyOf(new TreeSet<>(entries));
  }

  public static Inventory empty() {
    return new Inventory(List.of());
  }

  public static Inventory of(Collection<ObjectRef> refs) {
    return new Inventory(List.copyOf(refs));
  }

  /** Whether the inventory lists {@code ref}, in any API version. */
  public boolean contains(ObjectRef ref) {
    return entries.stream().anyMatch(e -> e.sameObject(ref));
  }

  /** Entries that {@code other} does not list (in any API version). */
  public List<ObjectRef> missingFrom(Collection<ObjectRef> other) {
    return entries.stream().filter(e -> other.stream().noneMatch(e::sameObject)).toList();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** {@code apps/v1|Deployment|edge|web}; no Kubernetes name or kind contains {@code |}. */
  public static String entryString(ObjectRef ref) {
    return String.join(SEPARATOR, ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
  }

  /** The inverse of {@link #entryString}; throws IllegalArgumentException on anything else. */
  public static ObjectRef parseEntry(String entry) {
    String[] parts = entry.split("\\|", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "inventory entry must be apiVersion|kind|namespace|name, got: '" + entry + "'");
    }
    return new ObjectRef(parts[0], parts[1], parts[2], parts[3]);
  }

  public List<String> toStrings() {
    return entries.stream().map(Inventory::entryString).toList();
  }

  public static Inventory fromStrings(Collection<String> entries) {
    return of(entries.stream().map(Inventory::parseEntry).toList());
  }
}
