package dev.flotilla.hub.ha;

import dev.flotilla.model.ClusterId;

/**
 * A message between hub replicas. The wire form is short text (a PostgreSQL NOTIFY payload): {@code
 * d:<cluster>}, {@code r:<cluster>}, {@code f:<source>}, {@code a}, {@code p}.
 */
public sealed interface Signal {
  /** A cluster's desired document changed: wake its long-polls (leader to everyone). */
  record DesiredChanged(ClusterId cluster) implements Signal {}

  /** A cluster's labels, facts or registration changed: plan it again (to the leader). */
  record Redistribute(ClusterId cluster) implements Signal {}

  /** Fetch a source now (webhook, or a source was added or changed; to the leader). */
  record Fetch(String source) implements Signal {}

  /** Fetch every source and plan every cluster (a source was removed; to the leader). */
  record Everything() implements Signal {}

  /** Plan every cluster again without fetching (a rollout was paused, promoted…; to the leader). */
  record Replan() implements Signal {}

  /**
   * Local only: this replica may have missed signals (its bus connection was re-established);
   * long-polls should re-check.
   */
  record Missed() implements Signal {}

  static String encode(Signal s) {
    return switch (s) {
      case DesiredChanged d -> "d:" + d.cluster().value();
      case Redistribute r -> "r:" + r.cluster().value();
      case Fetch f -> "f:" + f.source();
      case Everything e -> "a";
      case Replan p -> "p";
      case Missed m -> throw new IllegalArgumentException("Missed is never sent");
    };
  }

  /** Parses a payload; unknown ones (from a newer replica) are empty. */
  static java.util.Optional<Signal> decode(String payload) {
    try {
      if (payload.equals("a")) {
        return java.util.Optional.of(new Everything());
      }
      if (payload.equals("p")) {
        return java.util.Optional.of(new Replan());
      }
      String arg = payload.length() > 2 ? payload.substring(2) : "";
      return switch (payload.substring(0, Math.min(2, payload.length()))) {
        case "d:" -> java.util.Optional.of(new DesiredChanged(new ClusterId(arg)));
        case "r:" -> java.util.Optional.of(new Redistribute(new ClusterId(arg)));
        case "f:" -> java.util.Optional.of(new Fetch(arg));
        default -> java.util.Optional.empty();
      };
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
