package dev.flotilla.hub;

import dev.flotilla.hub.source.GitCredentials;
import dev.flotilla.hub.source.GitSource;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.hub.source.TreeExporter;
import dev.flotilla.hub.store.SourceDefinition;
import dev.flotilla.hub.store.SourceRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet loop's open Git sources, one per configured source, re-opened when a source's settings
 * change and deleted from disk when the source is removed. Used from the fleet loop thread only.
 */
final class SourceCheckouts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceCheckouts.class);

  private record Open(SourceDefinition definition, GitSource source) {}

  private final Path sourcesDir;
  private final Map<String, Open> open = new HashMap<>();

  SourceCheckouts(Path sourcesDir) {
    this.sourcesDir = sourcesDir;
  }

  /**
   * The checkout of a source, opened (or re-opened after a settings change) as needed.
   *
   * @throws IllegalArgumentException when the source's settings are unusable (a bad key)
   */
  GitSource of(SourceRecord record) {
    Open o = open.get(record.name());
    if (o != null && o.definition().equals(record.definition())) {
      return o.source();
    }
    if (o != null) {
      o.source().close();
      open.remove(record.name());
      if (!o.definition().url().equals(record.url())) {
        forgetTrustedHostKey(record.name());
      }
    }
    SourceSpec spec = new SourceSpec(record.name(), record.url(), record.branch(), record.path());
    GitCredentials credentials =
        GitCredentials.of(record.auth(), sourcesDir.resolve(record.name()));
    GitSource source = new GitSource(spec, sourcesDir, credentials);
    open.put(record.name(), new Open(record.definition(), source));
    return source;
  }

  /** Another server: the host key trusted at first contact with the old one no longer applies. */
  private void forgetTrustedHostKey(String name) {
    try {
      java.nio.file.Files.deleteIfExists(sourcesDir.resolve(name).resolve("trusted_host_key"));
    } catch (IOException e) {
      LOG.warn("cannot forget the trusted host key of source {}: {}", name, e.getMessage());
    }
  }

  Optional<GitSource> get(String name) {
    return Optional.ofNullable(open.get(name)).map(Open::source);
  }

  List<String> namesOtherThan(Set<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : open.keySet()) {
      if (!names.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** Closes a removed source and deletes its clone and trees. */
  void remove(String name) {
    Open o = open.remove(name);
    if (o == null) {
      return;
    }
    o.source().close();
    try {
      TreeExporter.deleteDirectory(o.source().directory());
    } catch (IOException e) {
      LOG.warn("cannot delete the files of removed source {}: {}", name, e.getMessage());
    }
  }

  /** Deletes exported trees not in {@code keep} (per source) and not the source's head. */
  void retainTrees(Map<String, Set<String>> keep) {
    for (var entry : open.entrySet()) {
      GitSource s = entry.getValue().source();
      Set<String> k = new HashSet<>(keep.getOrDefault(entry.getKey(), Set.of()));
      s.head().ifPresent(h -> k.add(h.id()));
      try {
        TreeExporter.retainOnly(s, k);
      } catch (IOException ex) {
        LOG.debug("cannot clean old trees of {}", entry.getKey(), ex);
      }
    }
  }

  @Override
  public void close() {
    open.values().forEach(o -> o.source().close());
    open.clear();
  }
}
