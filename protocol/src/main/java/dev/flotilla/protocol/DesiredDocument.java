package dev.flotilla.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What one cluster should run: the signed payload of {@code GET /v1/agent/desired}.
 *
 * @param cluster the cluster this document is for; an agent refuses another cluster's document
 * @param generation increases whenever the content changes; an agent refuses a lower one (replay of
 *     an old, validly signed document)
 * @param issuedAt when the hub produced this content
 * @param bundles the bundles to run, in dependency order
 */
public record DesiredDocument(
    String cluster, long generation, Instant issuedAt, List<DesiredBundle> bundles) {
  public DesiredDocument {
    bundles = List.copyOf(bundles == null ? List.of() : bundles);
  }
}
