package dev.flotilla.agent.sync;

import dev.flotilla.agent.apply.Action;
import dev.flotilla.agent.apply.BundleHealth;
import dev.flotilla.agent.apply.ChangeSet;
import dev.flotilla.agent.apply.ChangeSetEntry;
import dev.flotilla.protocol.BundleStatus.ChangeCounts;
import dev.flotilla.protocol.BundleStatus.Health;
import java.util.List;
import java.util.stream.Collectors;

/** How apply results read in bundle states and events (pure). */
final class StatusMessages {
  static final int MAX_MESSAGE = 1_000;

  private StatusMessages() {}

  static Health health(BundleHealth h) {
    return switch (h.state()) {
      case READY -> Health.READY;
      case PROGRESSING -> Health.PROGRESSING;
      case FAILED -> Health.FAILED;
    };
  }

  static ChangeCounts counts(ChangeSet cs) {
    return new ChangeCounts(
        cs.with(Action.CREATED).size(),
        cs.with(Action.CONFIGURED).size(),
        cs.with(Action.UNCHANGED).size(),
        cs.with(Action.DELETED).size(),
        cs.failed().size());
  }

  static String healthMessage(BundleHealth h, ChangeSet cs) {
    List<String> m = h.messages();
    if (!m.isEmpty()) {
      return String.join("; ", m);
    }
    return cs.entries().isEmpty() ? "" : cs.summary();
  }

  static String errorMessage(List<ChangeSetEntry> errors) {
    return errors.size()
        + " object(s) failed: "
        + errors.stream().map(e -> e.ref() + ": " + e.message()).collect(Collectors.joining("; "));
  }

  static String truncate(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
  }

  static String shortRev(String rev) {
    return rev.length() > 7 ? rev.substring(0, 7) : rev;
  }
}
