package dev.flotilla.hub.store.jdbc;

import dev.flotilla.model.ClusterId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Cluster ids for {@code IN (?, …)} queries, sorted, without duplicates, in chunks small enough for
 * any SQLite build's limit on bound parameters (999 before 3.32).
 */
final class InLists {
  static final int CHUNK = 500;

  private InLists() {}

  static List<List<String>> chunks(Collection<ClusterId> clusters) {
    List<String> ids = clusters.stream().sorted().distinct().map(ClusterId::value).toList();
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      out.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    }
    return out;
  }

  /** {@code ?, ?, …} for {@code n} parameters. */
  static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
