package dev.flotilla.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bundles found in sources. */
public interface BundleStore {
  /**
   * Inserts or replaces a bundle. When the revision changes and the replaced revision was {@link
   * #setSettled settled}, the replaced revision becomes the {@link #previous} one; an unsettled one
   * (still rolling out, or rolled back) is dropped and the previous one stays.
   */
  void upsert(BundleRecord bundle);

  /** Records a problem with the newest revision, keeping the last good definition. */
  void setError(String name, String error, Instant at);

  Optional<BundleRecord> get(String name);

  List<BundleRecord> list();

  boolean remove(String name);

  /** The bundle's previous good revision, if it has one (see {@link #upsert}). */
  Optional<PreviousRevision> previous(String name);

  /**
   * Marks the bundle's newest revision as fully rolled out ({@code true}) or not (after a
   * rollback), if the newest revision is still {@code revision}.
   */
  void setSettled(String name, String revision, boolean settled);
}
