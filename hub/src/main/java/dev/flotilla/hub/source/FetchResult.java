package dev.flotilla.hub.source;

import dev.flotilla.model.Revision;

/** The outcome of one fetch of a source. */
public sealed interface FetchResult {
  /** The branch head after the fetch, and whether it moved. */
  record Fetched(Revision revision, boolean changed) implements FetchResult {}

  /** The fetch failed; the last good revision (if any) stays in use. */
  record Failed(String reason) implements FetchResult {}
}
