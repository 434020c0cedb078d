package dev.flotilla.hub;

import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.distribute.BundleSnapshot;
import dev.flotilla.hub.source.GitSource;
import dev.flotilla.hub.source.TreeExporter;
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
 * The bundles as the fleet loop plans them: each usable bundle with its revision's exported tree
 * and its previous good revision's; trees no bundle needs any more are removed.
 */
final class BundleSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(BundleSnapshots.class);

  private final BundleCatalog catalog;
  private final SourceCheckouts checkouts;

  BundleSnapshots(BundleCatalog catalog, SourceCheckouts checkouts) {
    this.catalog = catalog;
    this.checkouts = checkouts;
  }

  /**
   * Every bundle with a usable definition and its exported tree. A bundle whose tree cannot be
   * exported here stays in the list as unavailable, so clusters keep what they run of it instead of
   * pruning it.
   */
  List<BundleSnapshot> current() {
    List<BundleSnapshot> out = new ArrayList<>();
    Map<String, Set<String>> keep = new HashMap<>();
    for (BundleCatalog.Entry e : catalog.usable()) {
      GitSource source = checkouts.get(e.source()).orElse(null);
      if (source == null) {
        out.add(
            BundleSnapshot.unavailable(
                e.spec(), e.revision(), "source " + e.source() + " has not been fetched yet"));
        continue;
      }
      try {
        out.add(
            new BundleSnapshot(
                e.spec(),
                e.revision(),
                TreeExporter.export(source, e.revision()),
                previousSnapshot(source, e, keep)));
        keep.computeIfAbsent(e.source(), k -> new HashSet<>()).add(e.revision().id());
      } catch (IOException | RuntimeException ex) {
        LOG.warn(
            "bundle {}: revision {} cannot be exported: {}",
            e.spec().name(),
            e.revision().shortId(),
            ex.getMessage());
        out.add(BundleSnapshot.unavailable(e.spec(), e.revision(), ex.getMessage()));
      }
    }
    checkouts.retainTrees(keep);
    return out;
  }

  /** The bundle's previous good revision, exported too (a rollout serves it). */
  private Optional<BundleSnapshot> previousSnapshot(
      GitSource source, BundleCatalog.Entry e, Map<String, Set<String>> keep) {
    Optional<BundleCatalog.Entry> p = catalog.previous(e);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path tree = TreeExporter.export(source, p.get().revision());
      keep.computeIfAbsent(e.source(), k -> new HashSet<>()).add(p.get().revision().id());
      return Optional.of(new BundleSnapshot(p.get().spec(), p.get().revision(), tree));
    } catch (IOException | RuntimeException ex) {
      LOG.warn(
          "bundle {}: previous revision {} cannot be exported: {}",
          e.spec().name(),
          p.get().revision().shortId(),
          ex.getMessage());
      return Optional.empty();
    }
  }
}
