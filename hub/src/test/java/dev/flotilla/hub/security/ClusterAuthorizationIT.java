package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster reads only its own document and the blobs it references, writes only its status. */
class ClusterAuthorizationIT {
  @TempDir Path dir;
  SecureHub hub;
  SecureHub.Device a;
  SecureHub.Device b;

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir);
    a = hub.register("cluster-a", "a");
    b = hub.register("cluster-b", "b");
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void aClusterReadsItsOwnBlob() {
    String own = hub.digestOf(hub.desired(a), "app-a").orElseThrow();

    HttpResponse<byte[]> r = hub.agent(a.tls(hub.ca()), "GET", "/v1/agent/blobs/" + own, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(SecureHub.text(r)).contains("team: a");
  }

  @Test
  void aClusterCannotReadAnotherClustersBlob() {
    String theirs = hub.digestOf(hub.desired(b), "app-b").orElseThrow();

    HttpResponse<byte[]> r = hub.agent(a.tls(hub.ca()), "GET", "/v1/agent/blobs/" + theirs, null);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(SecureHub.errorCode(r)).isEqualTo("forbidden");
    assertThat(SecureHub.text(r)).doesNotContain("team: b");
  }

  @Test
  void anUnknownBlobIsForbiddenNotNotFound() {
    HttpResponse<byte[]> r =
        hub.agent(a.tls(hub.ca()), "GET", "/v1/agent/blobs/" + Digest.of("nothing").hex(), null);

    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void losesAccessToABlobOnceItIsNoLongerAssigned() throws Exception {
    String old = hub.digestOf(hub.desired(a), "app-a").orElseThrow();
    hub.hub
        .store()
        .clusters()
        .setLabels(new ClusterId(a.clusterId()), dev.flotilla.model.Labels.of("team", "b"));
    hub.hub.fleetLoop().distribute(new ClusterId(a.clusterId())).get();

    HttpResponse<byte[]> r = hub.agent(a.tls(hub.ca()), "GET", "/v1/agent/blobs/" + old, null);

    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void aClusterSeesOnlyItsOwnDesiredDocument() {
    assertThat(hub.desired(a).cluster()).isEqualTo(a.clusterId());
    assertThat(hub.bundleNames(hub.desired(a))).containsExactly("app-a");
    assertThat(hub.desired(b).cluster()).isEqualTo(b.clusterId());
    assertThat(hub.bundleNames(hub.desired(b))).containsExactly("app-b");
  }

  @Test
  void aStatusReportLandsOnTheSendersClusterOnly() {
    String report =
        """
        {"seq": 1, "bundles": [{"name": "app-b", "revision": "r", "digest": "%s",
          "sync": "FAILED", "health": "FAILED", "message": "forged by a",
          "updatedAt": "2026-01-01T00:00:00Z"}],
         "events": [{"seq": 1, "time": "2026-01-01T00:00:00Z", "bundle": "app-b",
          "type": "ApplyFailed", "message": "forged by a"}]}
        """
            .formatted("0".repeat(64));

    HttpResponse<byte[]> r = hub.agent(a.tls(hub.ca()), "POST", "/v1/agent/status", report);

    assertThat(r.statusCode()).isEqualTo(200);
    var statuses = hub.hub.store().statuses();
    assertThat(statuses.ofCluster(new ClusterId(b.clusterId()))).isEmpty();
    assertThat(statuses.events(new ClusterId(b.clusterId()), 10)).isEmpty();
    assertThat(statuses.ofCluster(new ClusterId(a.clusterId()))).hasSize(1);
  }
}
