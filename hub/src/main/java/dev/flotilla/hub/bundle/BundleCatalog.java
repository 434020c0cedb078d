package dev.flotilla.hub.bundle;

import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.BundleStore;
import dev.flotilla.hub.store.PreviousRevision;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.Revision;
import dev.flotilla.render.bundle.BundleSpecException;
import dev.flotilla.render.bundle.BundleSpecParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundles the hub knows, persisted in the store: each with its last good definition and
 * revision, and the latest error. A scan of a new revision updates the valid ones, records errors
 * on the broken ones without losing their last good state, and drops those that disappeared. Each
 * bundle also keeps its previous good revision (the last one fully rolled out before the newest),
 * for staged rollouts and rollbacks; the rollout controller says when a revision is {@link
 * #setSettled settled}.
 */
public final class BundleCatalog {
  private final BundleStore store;
  private final BundleSpecParser parser;
  private final Clock clock;
  private final Map<String, BundleSpec> parsed = new ConcurrentHashMap<>();

  public BundleCatalog(BundleStore store, BundleSpecParser parser, Clock clock) {
    this.store = store;
    this.parser = parser;
    this.clock = clock;
  }

  /** A usable bundle: its definition and the revision it comes from. */
  public record Entry(String source, BundleSpec spec, Revision revision) {}

  /** What a scan changed, for logs. */
  public record Changes(List<String> updated, List<String> failed, List<String> removed) {}

  /** Records the bundles of {@code source} found at {@code revision}. */
  public Changes update(String source, Revision revision, List<ScannedBundle> scanned) {
    List<BundleRecord> existing =
        store.list().stream().filter(b -> b.source().equals(source)).toList();
    Set<String> seen = new HashSet<>();
    List<String> updated = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (ScannedBundle b : scanned) {
      switch (b) {
        case ScannedBundle.Valid v -> {
          seen.add(v.spec().name());
          store.upsert(
              new BundleRecord(
                  v.spec().name(), source, v.path(), v.yaml(), revision.id(), "", clock.instant()));
          updated.add(v.spec().name());
        }
        case ScannedBundle.Invalid i -> {
          Optional<BundleRecord> previous =
              existing.stream()
                  .filter(e -> e.path().equals(i.path()) || e.name().equals(i.name()))
                  .findFirst();
          String error = "revision " + revision.shortId() + ": " + i.error();
          if (previous.isPresent()) {
            seen.add(previous.get().name());
            store.setError(previous.get().name(), error, clock.instant());
            failed.add(previous.get().name());
          } else {
            seen.add(i.name());
            store.upsert(
                new BundleRecord(i.name(), source, i.path(), "", "", error, clock.instant()));
            failed.add(i.name());
          }
        }
      }
    }
    List<String> removed = new ArrayList<>();
    for (BundleRecord e : existing) {
      if (!seen.contains(e.name())) {
        store.remove(e.name());
        parsed.remove(e.name());
        removed.add(e.name());
      }
    }
    return new Changes(updated, failed, removed);
  }

  /** Drops every bundle of a removed source. */
  public List<String> removeSource(String source) {
    List<String> removed = new ArrayList<>();
    for (BundleRecord e : store.list()) {
      if (e.source().equals(source)) {
        store.remove(e.name());
        parsed.remove(e.name());
        removed.add(e.name());
      }
    }
    return removed;
  }

  /** The sources that have bundles in the catalog. */
  public Set<String> sources() {
    Set<String> out = new java.util.TreeSet<>();
    store.list().forEach(b -> out.add(b.source()));
    return out;
  }

  /**
   * The bundle's previous good revision with its definition, if it has one that still parses (its
   * tree can be exported again from the source).
   */
  public Optional<Entry> previous(Entry current) {
    Optional<PreviousRevision> p = store.previous(current.spec().name());
    if (p.isEmpty() || p.get().revision().equals(current.revision().id())) {
      return Optional.empty();
    }
    PreviousRevision r = p.get();
    String key = "previous:" + r.name() + "@" + r.revision() + "#" + r.specYaml().hashCode();
    BundleSpec spec = parsed.get(key);
    if (spec == null) {
      try {
        spec =
            parser.parse(
                r.path() + "/bundle.yaml", r.path(), r.specYaml().getBytes(StandardCharsets.UTF_8));
      } catch (BundleSpecException e) {
        return Optional.empty();
      }
      parsed.keySet().removeIf(k -> k.startsWith("previous:" + r.name() + "@"));
      parsed.put(key, spec);
    }
    return Optional.of(new Entry(current.source(), spec, new Revision(r.revision())));
  }

  /**
   * Records that {@code revision} of a bundle finished rolling out ({@code true}), or was rolled
   * back ({@code false}); only a settled revision becomes the previous one when a newer arrives.
   */
  public void setSettled(String name, Revision revision, boolean settled) {
    store.setSettled(name, revision.id(), settled);
  }

  /** Every bundle with a usable definition. */
  public List<Entry> usable() {
    List<Entry> out = new ArrayList<>();
    for (BundleRecord r : store.list()) {
      if (r.specYaml().isEmpty() || r.revision().isEmpty()) {
        continue;
      }
      String key = r.name() + "@" + r.revision() + "#" + r.specYaml().hashCode();
      BundleSpec spec = parsed.get(key);
      if (spec == null) {
        try {
          spec =
              parser.parse(
                  r.path() + "/bundle.yaml",
                  r.path(),
                  r.specYaml().getBytes(StandardCharsets.UTF_8));
        } catch (BundleSpecException e) {
          // a definition stored as good no longer parses (parser changed): report, skip
          store.setError(r.name(), e.getMessage(), clock.instant());
          continue;
        }
        parsed.keySet().removeIf(k -> k.startsWith(r.name() + "@"));
        parsed.put(key, spec);
      }
      out.add(new Entry(r.source(), spec, new Revision(r.revision())));
    }
    return out;
  }
}
