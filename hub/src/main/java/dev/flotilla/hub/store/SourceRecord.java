package dev.flotilla.hub.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A Git source and what the last fetch found.
 *
 * @param revision the last revision fetched successfully
 * @param error the last fetch error, empty when the last fetch worked
 * @param auth how to authenticate (secret inside: never log or serve it)
 * @param webhookSecret the secret webhooks for this source are signed with; empty for none
 */
public record SourceRecord(
    String name,
    String url,
    String branch,
    String path,
    Optional<String> revision,
    Optional<Instant> fetchedAt,
    String error,
    Optional<Instant> errorAt,
    SourceAuth auth,
    String webhookSecret) {
  public SourceRecord {
    auth = auth == null ? SourceAuth.NONE : auth;
    webhookSecret = webhookSecret == null ? "" : webhookSecret;
  }

  /** The definition part, without fetch results. */
  public SourceDefinition definition() {
    return new SourceDefinition(name, url, branch, path, auth, webhookSecret);
  }

  @Override
  public String toString() {
    return "SourceRecord[" + definition() + ", revision " + revision.orElse("none") + "]";
  }
}
