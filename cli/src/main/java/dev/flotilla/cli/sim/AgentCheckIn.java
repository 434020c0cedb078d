package dev.flotilla.cli.sim;

import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.protocol.AgentApi;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.HeaderValues;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.json.JsonException;
import dev.flotilla.protocol.sign.DocumentVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLException;

/**
 * One check-in of one simulated agent, as the real agent makes it: connect with the cluster's own
 * certificate, a conditional poll of the desired document (If-None-Match; {@code ?wait=} when
 * long-polling), signature check, blobs fetched by digest and verified, then a status report that
 * says applied and ready (or failed, for the clusters the failure fraction picks) — the apply
 * itself is simulated (nothing is applied). Every call is timed and its wire bytes counted.
 */
final class AgentCheckIn {
  private final SimTls tls;
  private final InetSocketAddress hub;
  private final String hostHeader;
  private final DocumentVerifier verifier;
  private final Duration longPoll;
  private final FaultModel faults;
  private final double failing;
  private final SimMetrics metrics;
  private final PropagationTracker propagation;
  private final Clock clock;
  private final int timeoutMillis;

  AgentCheckIn(
      SimTls tls,
      InetSocketAddress hub,
      String hostHeader,
      DocumentVerifier verifier,
      Duration longPoll,
      FaultModel faults,
      double failing,
      SimMetrics metrics,
      PropagationTracker propagation,
      Clock clock) {
    this.tls = tls;
    this.hub = hub;
    this.hostHeader = hostHeader;
    this.verifier = verifier;
    this.longPoll = longPoll;
    this.faults = faults;
    this.failing = failing;
    this.metrics = metrics;
    this.propagation = propagation;
    this.clock = clock;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, longPoll.plusSeconds(60).toMillis());
  }

  Outcome run(SimCluster c) {
    if (faults.linkDown(c.index, c.attempts++)) {
      metrics.linkDown();
      return new Outcome.LinkDown();
    }
    long start = System.nanoTime();
    HubConnection conn = null;
    try {
      SimTls.Opened opened = tls.connect(c.identity, c.index, c.tlsEpoch, hub, timeoutMillis);
      metrics.time(Call.CONNECT, System.nanoTime() - start);
      metrics.handshake(opened.full());
      conn = new HubConnection(opened, hostHeader);
      Outcome o = poll(c, conn);
      metrics.time(Call.CHECK_IN, System.nanoTime() - start);
      return o;
    } catch (SSLException e) {
      return failed("tls", e);
    } catch (ConnectException e) {
      return failed("connect", e);
    } catch (SocketTimeoutException e) {
      return failed("timeout", e);
    } catch (IOException e) {
      return failed("io", e);
    } finally {
      if (conn != null) {
        metrics.wire(conn.bytesIn(), conn.bytesOut());
        conn.close();
      }
    }
  }

  private Outcome poll(SimCluster c, HubConnection conn) throws IOException {
    Map<String, String> headers = new HashMap<>();
    if (c.etag != null) {
      headers.put("If-None-Match", "\"" + c.etag + "\"");
    }
    String path = AgentApi.DESIRED + (longPoll.isZero() ? "" : "?wait=" + longPoll.toSeconds());
    long t = System.nanoTime();
    HttpResponse r = conn.get(path, headers);
    if (r.status() == 304) {
      metrics.time(Call.DESIRED_304, System.nanoTime() - t);
      return new Outcome.Synced(false);
    }
    if (r.status() != 200) {
      return refused(r);
    }
    metrics.time(Call.DESIRED_200, System.nanoTime() - t);
    DesiredDocument doc;
    try {
      doc =
          verifier.verify(
              Json.read(r.body(), SignedDocument.class, "desired document"), c.identity.id());
    } catch (DocumentVerifier.DocumentRejected | JsonException e) {
      metrics.rejectedDocument();
      return new Outcome.Failed("protocol", e.getMessage());
    }
    String revision = revisionOf(doc);
    propagation.sighted(revision, c.revision, System.nanoTime());
    List<BundleStatus> statuses = new ArrayList<>();
    boolean fail = faults.unit(c.index, 0xfa11) < failing;
    for (DesiredBundle b : doc.bundles()) {
      if (!b.digest().equals(c.applied.get(b.name()))) {
        Outcome blob = fetchBlob(conn, b);
        if (blob != null) {
          return blob;
        }
      }
      statuses.add(
          new BundleStatus(
              b.name(),
              b.revision(),
              b.digest(),
              fail ? BundleStatus.SyncState.FAILED : BundleStatus.SyncState.APPLIED,
              fail ? BundleStatus.Health.FAILED : BundleStatus.Health.READY,
              fail ? "simulated failure" : "simulated apply",
              BundleStatus.ChangeCounts.NONE,
              clock.instant()));
    }
    List<String> removed = new ArrayList<>();
    for (String name : c.applied.keySet()) {
      if (doc.bundles().stream().noneMatch(b -> b.name().equals(name))) {
        removed.add(name);
      }
    }
    StatusReport report =
        new StatusReport(
            c.reportSeq + 1, c.factsSent ? null : facts(c), statuses, removed, List.of());
    t = System.nanoTime();
    HttpResponse ack = conn.post(AgentApi.STATUS, Json.write(report));
    if (ack.status() != 200) {
      return refused(ack);
    }
    metrics.time(Call.STATUS, System.nanoTime() - t);
    c.reportSeq++;
    c.factsSent = true;
    c.etag = r.header("ETag").map(HeaderValues::entityTag).orElse(null);
    c.revision = revision;
    Map<String, String> applied = new HashMap<>();
    doc.bundles().forEach(b -> applied.put(b.name(), b.digest()));
    c.applied = applied;
    return new Outcome.Synced(true);
  }

  /** Null when the blob arrived and matched its digest. */
  private Outcome fetchBlob(HubConnection conn, DesiredBundle b) throws IOException {
    long t = System.nanoTime();
    HttpResponse r = conn.get(AgentApi.BLOBS + b.digest(), Map.of("Accept-Encoding", "gzip"));
    if (r.status() != 200) {
      return refused(r);
    }
    byte[] raw = r.body();
    if (r.header("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        raw = in.readAllBytes();
      }
    }
    metrics.time(Call.BLOB, System.nanoTime() - t);
    if (!Digest.of(raw).hex().equals(b.digest())) {
      return new Outcome.Failed(
          "blob-digest", "blob of " + b.name() + " does not match its digest");
    }
    return null;
  }

  private Outcome refused(HttpResponse r) {
    if (r.status() == 429 || r.status() == 503) {
      metrics.throttled(r.status());
      long secs =
          r.header("Retry-After")
              .map(HeaderValues::delaySeconds)
              .orElse(HeaderValues.DEFAULT_DELAY_SECONDS);
      return new Outcome.Throttled(Duration.ofSeconds(Math.max(1, secs)));
    }
    metrics.error("http-" + r.status());
    return new Outcome.Failed(
        "http-" + r.status(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private Outcome failed(String kind, Exception e) {
    metrics.error(kind);
    return new Outcome.Failed(kind, String.valueOf(e.getMessage()));
  }

  private static Facts facts(SimCluster c) {
    boolean pi = c.identity.labels().get("model").orElse("").startsWith("rpi");
    return new Facts(
        pi ? "arm64" : "amd64", pi ? 3_800 : 15_800, "v1.30.4+k3s1", "k3s", List.of(), 1, "sim");
  }

  /** The revisions of a document's bundles, as one key (a commit changes it). */
  static String revisionOf(DesiredDocument doc) {
    TreeSet<String> revs = new TreeSet<>();
    doc.bundles().forEach(b -> revs.add(b.revision()));
    return String.join(",", revs);
  }
}
