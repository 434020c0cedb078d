package dev.flotilla.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.render.yaml.YamlWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** kubectl-like output: aligned tables, or the API's JSON, or the same as YAML. */
final class Output {
  private Output() {}

  /** The {@code -o} formats. */
  enum Format {
    table,
    json,
    yaml,
    wide
  }

  static void raw(byte[] json, Format format, PrintStream out) {
    try {
      Object tree = Json.mapper().readValue(json, new TypeReference<Object>() {});
      if (format == Format.yaml) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (tree instanceof List<?> l) {
          doc.put("items", l);
        } else if (tree instanceof Map<?, ?> m) {
          m.forEach((k, v) -> doc.put(String.valueOf(k), v));
        }
        out.print(YamlWriter.documents(List.of(doc)));
      } else {
        out.println(Json.writePretty(tree));
      }
    } catch (IOException e) {
      throw new IllegalStateException("the hub's answer is not JSON", e);
    }
  }

  static void table(List<String> headers, List<List<String>> rows, PrintStream out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = headers.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        sb.append(row.get(i));
        if (i < row.size() - 1) {
          sb.append(" ".repeat(widths[i] - row.get(i).length() + 3));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** kubectl's AGE column: 5s, 3m, 2h, 4d. */
  static String age(Instant then, Instant now) {
    if (then == null) {
      return "<none>";
    }
    Duration d = Duration.between(then, now);
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.toDays() > 0) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }

  static String labels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    labels.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  static String shortRev(String rev) {
    return rev == null || rev.isEmpty() ? "<none>" : rev.length() > 7 ? rev.substring(0, 7) : rev;
  }
}
