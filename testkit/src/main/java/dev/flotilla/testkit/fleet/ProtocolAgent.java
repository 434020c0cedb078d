package dev.flotilla.testkit.fleet;

import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.identity.DeviceKeys;
import dev.flotilla.agent.identity.Enroller;
import dev.flotilla.agent.identity.Identity;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.protocol.pki.BootstrapToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cluster speaking the agent protocol directly: enrolled with a real bootstrap token and key,
 * polling with {@code If-None-Match}, verifying every document's signature, and reporting bundles
 * ready when asked. It applies nothing. Not thread-safe.
 */
public final class ProtocolAgent implements AutoCloseable {
  private final Identity identity;
  private final HubClient client;
  private volatile String etag;
  private volatile DesiredDocument document;
  private long seq;

  private ProtocolAgent(Identity identity, String url) {
    this.identity = identity;
    this.client = new HubClient(url, identity.tls(), Duration.ofSeconds(30));
  }

  /**
   * Enrolls a new cluster at {@code hubUrl} with {@code token} (as {@code flotilla token create}
   * prints it).
   */
  public static ProtocolAgent enroll(
      String hubUrl, String token, String name, Labels labels, Facts facts) {
    Identity id =
        Enroller.enroll(
            hubUrl, BootstrapToken.parse(token), name, labels, facts, DeviceKeys.generate());
    return new ProtocolAgent(id, hubUrl);
  }

  /** The same cluster talking to another URL (another replica, or a proxy). */
  public ProtocolAgent via(String hubUrl) {
    ProtocolAgent other = new ProtocolAgent(identity, hubUrl);
    other.etag = etag;
    other.document = document;
    other.seq = seq;
    return other;
  }

  public String clusterId() {
    return identity.clusterId();
  }

  public String name() {
    return identity.name();
  }

  public Optional<String> etag() {
    return Optional.ofNullable(etag);
  }

  /** The last document received (verified), if any. */
  public Optional<DesiredDocument> document() {
    return Optional.ofNullable(document);
  }

  /** The bundles of the last document by name, with their revision. */
  public Map<String, String> revisions() {
    Map<String, String> out = new TreeMap<>();
    if (document != null) {
      document.bundles().forEach(b -> out.put(b.name(), b.revision()));
    }
    return out;
  }

  /**
   * One conditional poll ({@code wait} zero) or long-poll. A new document is verified against the
   * hub's signing key and this cluster's id before it is kept.
   */
  public DesiredPoll poll(Duration wait) {
    DesiredPoll p = client.desired(Optional.ofNullable(etag), wait);
    if (p instanceof DesiredPoll.Changed c) {
      DesiredDocument verified = identity.verifier().verify(c.document(), identity.clusterId());
      if (document != null && verified.generation() < document.generation()) {
        throw new IllegalStateException(
            "the hub served generation "
                + verified.generation()
                + " after "
                + document.generation()
                + " to "
                + identity.name());
      }
      document = verified;
      etag = c.etag();
    }
    return p;
  }

  public byte[] blob(Digest digest) {
    return client.blob(digest);
  }

  /** Reports every bundle of the current document applied and ready (after fetching its blob). */
  public StatusAck reportReady() {
    return report(true);
  }

  /** Reports every bundle of the current document applied and ready, fetching nothing. */
  public StatusAck reportApplied() {
    return report(false);
  }

  private StatusAck report(boolean fetch) {
    List<BundleStatus> states = new ArrayList<>();
    Instant now = Instant.now();
    if (document != null) {
      for (DesiredBundle b : document.bundles()) {
        if (fetch) {
          blob(Digest.parse(b.digest()));
        }
        states.add(
            new BundleStatus(
                b.name(),
                b.revision(),
                b.digest(),
                BundleStatus.SyncState.APPLIED,
                BundleStatus.Health.READY,
                "",
                null,
                now));
      }
    }
    return client.status(new StatusReport(++seq, null, states, List.of(), List.of()));
  }

  /** Reports facts (for admission) without bundle states. */
  public StatusAck reportFacts(Facts facts) {
    return client.status(new StatusReport(++seq, facts, List.of(), List.of(), List.of()));
  }

  @Override
  public void close() {
    client.close();
  }
}
