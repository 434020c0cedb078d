package dev.flotilla.agent.apply;

import dev.flotilla.model.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads status fields and conditions of unstructured objects (pure). */
final class StatusFields {
  private StatusFields() {}

  static int integer(KubeObject o, String path, int absent) {
    return o.at(path)
        .filter(v -> v instanceof Number)
        .map(v -> ((Number) v).intValue())
        .orElse(absent);
  }

  static Optional<Integer> optionalInteger(KubeObject o, String path) {
    return o.at(path).filter(v -> v instanceof Number).map(v -> ((Number) v).intValue());
  }

  static String string(KubeObject o, String path) {
    return o.at(path).map(String::valueOf).orElse("");
  }

  /** The condition of {@code type} in {@code status.conditions}, if present. */
  static Optional<Map<?, ?>> condition(KubeObject o, String type) {
    if (o.at("status.conditions").orElse(null) instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  static boolean conditionIs(KubeObject o, String type, String status) {
    return condition(o, type).map(c -> status.equals(c.get("status"))).orElse(false);
  }

  static String reason(Map<?, ?> condition) {
    Object reason = condition.get("reason");
    Object message = condition.get("message");
    String r = reason == null ? "" : String.valueOf(reason);
    return message == null || String.valueOf(message).isBlank() ? r : r + ": " + message;
  }
}
