package dev.flotilla.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Git sources. */
public interface SourceStore {
  /**
   * Adds or updates a source's URL, branch and path, keeping what was fetched and its credentials
   * and webhook secret ({@code flotilla hub --source}).
   */
  void upsert(String name, String url, String branch, String path);

  /** Adds or replaces a source's whole definition, keeping what was fetched. */
  void upsert(SourceDefinition definition);

  Optional<SourceRecord> get(String name);

  List<SourceRecord> list();

  boolean remove(String name);

  void fetched(String name, String revision, Instant at);

  void failed(String name, String error, Instant at);
}
