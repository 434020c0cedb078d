package dev.flotilla.hub.admin;

import dev.flotilla.model.Facts;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the admin API (shared by the hub and the CLI). */
public final class AdminViews {
  private AdminViews() {}

  /** A bootstrap token as listed (never with its secret). */
  public record TokenView(
      String id,
      Map<String, String> labels,
      Integer usesLeft,
      Instant expiresAt,
      Instant createdAt,
      boolean revoked,
      String description) {}

  /** The answer to creating a token: the full token, shown this once. */
  public record CreatedToken(String token, TokenView details) {}

  /** A request to create a bootstrap token. */
  public record CreateToken(
      Map<String, String> labels, Integer uses, String ttl, String description) {}

  /** An admin API token as listed (never with its secret). */
  public record AdminTokenView(
      String id, String role, Instant createdAt, boolean revoked, String description) {}

  /** A request to create an admin token: {@code viewer}, {@code operator} or {@code admin}. */
  public record CreateAdminToken(String role, String description) {}

  /** The answer to creating an admin token: the token ({@code flta.…}), shown this once. */
  public record CreatedAdminToken(String token, AdminTokenView details) {}

  /** Counts of a cluster's bundles by state. */
  public record BundleCounts(int total, int ready, int pending, int failed, int notAdmitted) {}

  /** One cluster in a list. */
  public record ClusterView(
      String name,
      String id,
      Map<String, String> labels,
      Facts facts,
      Instant createdAt,
      Instant lastSeen,
      boolean online,
      boolean revoked,
      boolean synced,
      BundleCounts bundles) {}

  /** One bundle on one cluster: what the hub assigned and what the agent reported. */
  public record ClusterBundle(
      String cluster,
      String bundle,
      String state,
      String revision,
      String digest,
      String message,
      String reportedRevision,
      String sync,
      String health,
      String reportedMessage,
      Instant observedAt) {}

  /** A cluster with its bundles and recent events. */
  public record ClusterDetail(
      ClusterView cluster, List<ClusterBundle> bundles, List<Event> events) {}

  /** One agent event. */
  public record Event(long seq, Instant at, String bundle, String type, String message) {}

  /** A request to change labels: keys to set and keys to remove. */
  public record LabelChange(Map<String, String> set, List<String> remove) {}

  /** One bundle in a list. */
  public record BundleView(
      String name,
      String source,
      String path,
      String revision,
      String error,
      int targeted,
      int ready,
      int pending,
      int failed,
      int notAdmitted) {}

  /** A bundle with its per-cluster state. */
  public record BundleDetail(BundleView bundle, List<ClusterBundle> clusters) {}

  /**
   * A Git source and its last fetch. Never carries a secret: {@code auth} is only the kind ({@code
   * none}, {@code token}, {@code ssh}) and {@code webhook} whether a webhook secret is set.
   */
  public record SourceView(
      String name,
      String url,
      String branch,
      String path,
      String revision,
      Instant fetchedAt,
      String error,
      Instant errorAt,
      String auth,
      boolean webhook) {}

  /**
   * A request to add or replace a source.
   *
   * @param branch default {@code main}
   * @param path default the whole repository
   * @param auth how to authenticate; absent for none
   * @param webhookSecret the secret its webhooks are signed with; absent to refuse webhooks
   */
  public record SourceRequest(
      String name,
      String url,
      String branch,
      String path,
      SourceAuthRequest auth,
      String webhookSecret) {}

  /**
   * Source credentials in a request: {@code type} {@code token} (with {@code token} and an optional
   * {@code username}) or {@code ssh} (with {@code privateKey} and optional {@code knownHosts}).
   */
  public record SourceAuthRequest(
      String type, String username, String token, String privateKey, String knownHosts) {
    @Override
    public String toString() {
      return "SourceAuthRequest[" + type + "]";
    }
  }

  /** The fleet at a glance: what the demo's progress bar shows. */
  public record FleetSummary(
      int clusters,
      int online,
      int offline,
      int synced,
      int pending,
      int failed,
      Map<String, String> revisions) {}
}
