package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** What one run did, object by object, in the order it did it. An immutable value. */
public record ChangeSet(List<ChangeSetEntry> entries) {
  public ChangeSet {
    entries = List.copyOf(entries);
  }

  public static ChangeSet empty() {
    return new ChangeSet(List.of());
  }

  public ChangeSet plus(ChangeSet more) {
    List<ChangeSetEntry> all = new ArrayList<>(entries);
    all.addAll(more.entries);
    return new ChangeSet(all);
  }

  public List<ChangeSetEntry> with(Action action) {
    return entries.stream().filter(e -> e.action() == action).toList();
  }

  public List<ChangeSetEntry> failed() {
    return with(Action.FAILED);
  }

  /** Whether the run wrote anything to the cluster. */
  public boolean wroteAnything() {
    return entries.stream().anyMatch(e -> e.action().wrote());
  }

  /** The entry of {@code ref} (any API version of it), if the run touched it. */
  public Optional<ChangeSetEntry> entry(ObjectRef ref) {
    return entries.stream().filter(e -> e.ref().sameObject(ref)).findFirst();
  }

  /** {@code 2 created, 1 configured, 5 unchanged, 1 failed}: counts of the actions present. */
  public String summary() {
    Map<Action, Integer> counts = new EnumMap<>(Action.class);
    entries.forEach(e -> counts.merge(e.action(), 1, Integer::sum));
    StringJoiner s = new StringJoiner(", ");
    counts.forEach((a, n) -> s.add(n + " " + a.name().toLowerCase()));
    return entries.isEmpty() ? "no objects" : s.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
