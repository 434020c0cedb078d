package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.List;

/**
 * What applying one object came to.
 *
 * @param entry the change set entry
 * @param compared whether the live object was read and compared with a dry run (false when the
 *     object failed before: unknown kind, refused namespace, invalid)
 * @param existed whether the object was live before
 * @param differences where the live object differed from the desired one
 * @param reclaimedFrom interactive managers whose fields were taken back (see {@link
 *     InteractiveEdits})
 */
record ObjectOutcome(
    ChangeSetEntry entry,
    boolean compared,
    boolean existed,
    List<String> differences,
    List<String> reclaimedFrom) {
  ObjectOutcome {
    differences = List.copyOf(differences);
    reclaimedFrom = List.copyOf(reclaimedFrom);
  }

  ObjectOutcome(ChangeSetEntry entry, boolean compared, boolean existed, List<String> differences) {
    this(entry, compared, existed, differences, List.of());
  }

  static ObjectOutcome failed(ObjectRef ref, String message) {
    return new ObjectOutcome(
        new ChangeSetEntry(ref, Action.FAILED, message), false, false, List.of());
  }

  ObjectRef ref() {
    return entry.ref();
  }

  /** The object was missing or differed, whether or not it could then be written. */
  boolean drifted() {
    return compared && (!existed || !differences.isEmpty());
  }

  boolean succeeded() {
    return entry.action() != Action.FAILED;
  }
}
