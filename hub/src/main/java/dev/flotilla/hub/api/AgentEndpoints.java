package dev.flotilla.hub.api;

import dev.flotilla.hub.checkin.LastSeenBuffer;
import dev.flotilla.hub.checkin.StatusWriter;
import dev.flotilla.hub.distribute.DesiredWatch;
import dev.flotilla.hub.distribute.KnownEtags;
import dev.flotilla.hub.enroll.Enrollment;
import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.http.Router;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.StatusStore.ReceivedReport;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.AgentApi;
import dev.flotilla.protocol.HeaderValues;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RenewRequest;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** The handlers of the agent API, registered on a router. */
public final class AgentEndpoints {
  private final HubStore store;
  private final Enrollment enrollment;
  private final ClusterAuthenticator auth;
  private final DesiredWatch watch;
  private final ScheduledExecutorService timers;
  private final PollHints hints;
  private final Clock clock;
  private final Consumer<ClusterId> factsChanged;
  private final LoadShedder shedder;
  private final LastSeenBuffer lastSeen;
  private final StatusWriter statuses;

  public AgentEndpoints(
      HubStore store,
      Enrollment enrollment,
      DesiredWatch watch,
      ScheduledExecutorService timers,
      PollHints hints,
      Clock clock,
      Consumer<ClusterId> factsChanged,
      LoadShedder shedder,
      LastSeenBuffer lastSeen,
      StatusWriter statuses) {
    this.store = store;
    this.enrollment = enrollment;
    this.auth = new ClusterAuthenticator(store.clusters());
    this.watch = watch;
    this.timers = timers;
    this.hints = hints;
    this.clock = clock;
    this.factsChanged = factsChanged;
    this.shedder = shedder;
    this.lastSeen = lastSeen;
    this.statuses = statuses;
  }

  public Router routes(Router router) {
    return router
        .add("POST", AgentApi.REGISTER, shed(this::register))
        .add("GET", AgentApi.DESIRED, shed(this::desired))
        .add("GET", AgentApi.BLOBS + "{digest}", shed(this::blob))
        .add("POST", AgentApi.STATUS, shed(this::status))
        .add("POST", AgentApi.RENEW, shed(this::renew))
        .add("POST", AgentApi.RECOVER, shed(this::recover));
  }

  /** Runs {@code route} in an in-flight slot (a held long-poll gives its slot back). */
  private Router.Route shed(Router.Route route) {
    return ex -> {
      Runnable release = shedder.enter();
      try {
        route.handle(ex);
      } finally {
        release.run();
      }
    };
  }

  private void register(Exchange ex) {
    ex.respondJson(201, enrollment.register(ex.json(RegisterRequest.class)));
  }

  /**
   * A check-in. When the agent's ETag is the one remembered for its cluster ({@link KnownEtags}:
   * registered, not revoked, document unchanged since it was read) the answer is a 304 with no
   * database read or write: its last contact goes to the write-behind {@link LastSeenBuffer}.
   * Otherwise the cluster and its document are read from the store, and the ETag remembered.
   */
  private void desired(Exchange ex) {
    ClusterId id = auth.identify(ex);
    int wait = waitSeconds(ex);
    Optional<String> ifNoneMatch = ex.header("If-None-Match").map(HeaderValues::entityTag);
    KnownEtags etags = watch.etags();
    if (ifNoneMatch.isPresent() && etags.matches(id, ifNoneMatch.get())) {
      lastSeen.seen(id, clock.instant());
      if (wait == 0) {
        notModified(ex, ifNoneMatch.get());
      } else {
        hold(ex, id, ifNoneMatch.get(), wait);
      }
      return;
    }
    long stamp = etags.stamp(id);
    ClusterRecord cluster = auth.authenticate(ex);
    lastSeen.seen(cluster.id(), clock.instant());
    Optional<DesiredRecord> doc = store.desired().get(cluster.id());
    if (doc.isEmpty()) {
      throw new HttpError(
          503, "not_ready", "the desired document for this cluster is being prepared", 1);
    }
    etags.put(cluster.id(), doc.get().etag(), stamp);
    if (ifNoneMatch.isEmpty() || !ifNoneMatch.get().equals(doc.get().etag())) {
      sendDocument(ex, doc.get());
      return;
    }
    if (wait == 0) {
      notModified(ex, doc.get().etag());
      return;
    }
    hold(ex, cluster.id(), doc.get().etag(), wait);
  }

  /** Holds a long-poll for a cluster whose current ETag is {@code etag}, without a thread. */
  private void hold(Exchange ex, ClusterId cluster, String etag, int wait) {
    Runnable unhold = shedder.hold();
    ex.detach();
    AtomicReference<Runnable> cancelWatch = new AtomicReference<>();
    var timeout =
        timers.schedule(
            () -> {
              Runnable cancel = cancelWatch.get();
              if (cancel != null) {
                cancel.run();
              }
              unhold.run();
              try {
                if (!watch.etags().matches(cluster, etag)) {
                  auth.recheck(cluster);
                }
                lastSeen.seen(cluster, clock.instant());
                notModified(ex, etag);
              } catch (HttpError e) {
                ex.respondError(e);
              } catch (RuntimeException e) {
                ex.respondError(new HttpError(503, "unavailable", "the hub is busy", 5));
              }
            },
            wait,
            TimeUnit.SECONDS);
    cancelWatch.set(
        watch.await(
            cluster,
            () -> {
              timeout.cancel(false);
              unhold.run();
              Thread.ofVirtual().start(() -> answerLatest(ex, cluster, etag));
            }));
    // the cluster may have been revoked, or its document changed, between reading and watching:
    // both forget the remembered ETag before they wake watchers
    if (watch.etags().matches(cluster, etag)) {
      return;
    }
    try {
      auth.recheck(cluster);
    } catch (HttpError e) {
      timeout.cancel(false);
      cancelWatch.get().run();
      unhold.run();
      ex.respondError(e);
      return;
    }
    Optional<DesiredRecord> again = store.desired().get(cluster);
    if (again.isPresent() && !again.get().etag().equals(etag)) {
      timeout.cancel(false);
      cancelWatch.get().run();
      unhold.run();
      sendDocument(ex, again.get());
    }
  }

  private void answerLatest(Exchange ex, ClusterId cluster, String etag) {
    try {
      long stamp = watch.etags().stamp(cluster);
      auth.recheck(cluster);
      Optional<DesiredRecord> latest = store.desired().get(cluster);
      latest.ifPresent(d -> watch.etags().put(cluster, d.etag(), stamp));
      if (latest.isPresent() && !latest.get().etag().equals(etag)) {
        sendDocument(ex, latest.get());
      } else {
        notModified(ex, etag);
      }
    } catch (HttpError e) {
      ex.respondError(e);
    } catch (RuntimeException e) {
      ex.respondError(
          new HttpError(
              503, "unavailable", "the hub could not read the document: " + e.getMessage(), 5));
    }
  }

  private void sendDocument(Exchange ex, DesiredRecord doc) {
    ex.header("ETag", "\"" + doc.etag() + "\"");
    ex.header(AgentApi.NEXT_POLL_HEADER, Long.toString(hints.nextPollSeconds()));
    ex.respond(200, AgentApi.JSON, doc.document());
  }

  private void notModified(Exchange ex, String etag) {
    ex.header("ETag", "\"" + etag + "\"");
    ex.header(AgentApi.NEXT_POLL_HEADER, Long.toString(hints.nextPollSeconds()));
    ex.respondEmpty(304);
  }

  private void blob(Exchange ex) throws IOException {
    ClusterRecord cluster = auth.authenticate(ex);
    Digest digest;
    try {
      digest = Digest.parse(ex.pathParam("digest"));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    if (!store.desired().references(cluster.id(), digest)) {
      throw HttpError.forbidden(
          "blob "
              + digest.shortHex()
              + " is not referenced by the desired state of cluster "
              + cluster.name());
    }
    byte[] gz =
        store
            .blobs()
            .gzipped(digest)
            .orElseThrow(() -> HttpError.notFound("blob " + digest + " is not stored"));
    if (ex.header("Accept-Encoding").orElse("").contains("gzip")) {
      ex.header("Content-Encoding", "gzip");
      ex.respond(200, "application/yaml", gz);
    } else {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        ex.respond(200, "application/yaml", in.readAllBytes());
      }
    }
  }

  private void status(Exchange ex) {
    ClusterRecord cluster = auth.authenticate(ex);
    StatusReport report = ex.json(StatusReport.class);
    if (report.seq() < 0) {
      throw HttpError.badRequest("status report seq must not be negative");
    }
    boolean newFacts =
        report.facts() != null
            && report.seq() > cluster.reportSeq()
            && !report.facts().equals(cluster.facts());
    StatusAck ack = statuses.store(new ReceivedReport(cluster.id(), report, clock.instant()));
    if (newFacts) {
      factsChanged.accept(cluster.id());
    }
    ex.respondJson(200, ack);
  }

  private void renew(Exchange ex) {
    ClusterRecord cluster = auth.authenticate(ex);
    ex.respondJson(200, enrollment.renew(cluster, ex.json(RenewRequest.class)));
  }

  /** No client certificate here: the expired one is in the body, with proof of its key. */
  private void recover(Exchange ex) {
    ex.respondJson(200, enrollment.recover(ex.json(RecoverRequest.class)));
  }

  private static int waitSeconds(Exchange ex) {
    Optional<String> w = ex.query("wait");
    if (w.isEmpty()) {
      return 0;
    }
    try {
      int s = Integer.parseInt(w.get());
      if (s < 0) {
        throw HttpError.badRequest("wait must not be negative");
      }
      return Math.min(s, AgentApi.MAX_WAIT_SECONDS);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("wait must be a number of seconds, got '" + w.get() + "'");
    }
  }
}
