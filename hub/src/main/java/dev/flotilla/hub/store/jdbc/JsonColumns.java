package dev.flotilla.hub.store.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** The few structured values kept as JSON text columns. */
final class JsonColumns {
  /** Distinct label and fact texts whose parsed value is kept (see {@link ParsedColumn}). */
  static final int SHARED = 4_096;

  private static final ParsedColumn<Labels> LABELS =
      new ParsedColumn<>(SHARED, JsonColumns::parseLabels);
  private static final ParsedColumn<Facts> FACTS =
      new ParsedColumn<>(SHARED, JsonColumns::parseFacts);

  private JsonColumns() {}

  static String labels(Labels labels) {
    return Json.writeString(labels.map());
  }

  static Labels labels(String json) {
    return LABELS.of(json);
  }

  private static Labels parseLabels(String json) {
    try {
      Map<String, String> m =
          Json.mapper().readValue(json, new TypeReference<TreeMap<String, String>>() {});
      return new Labels(m);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt labels column: " + json, e);
    }
  }

  static String facts(Facts facts) {
    return Json.writeString(facts);
  }

  static Facts facts(String json) {
    return FACTS.of(json);
  }

  private static Facts parseFacts(String json) {
    return Json.read(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Facts.class, "facts column");
  }

  static String changes(BundleStatus.ChangeCounts c) {
    return Json.writeString(c);
  }

  static BundleStatus.ChangeCounts changes(String json) {
    if (json == null || json.isEmpty()) {
      return BundleStatus.ChangeCounts.NONE;
    }
    return Json.read(
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        BundleStatus.ChangeCounts.class,
        "changes column");
  }
}
