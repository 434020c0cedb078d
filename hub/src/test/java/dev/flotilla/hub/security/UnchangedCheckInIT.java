package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged check-in writes nothing to the database: its last contact waits in memory until the
 * write-behind flush (here only when the test asks), and admin views show it meanwhile.
 */
class UnchangedCheckInIT {
  @TempDir Path dir;
  SecureHub hub;
  SecureHub.Device device;
  ClusterId id;

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir, c -> c.withLastSeenFlush(Duration.ofHours(1)));
    device = hub.register("truck-1", "a");
    id = new ClusterId(device.clusterId());
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  private HttpResponse<byte[]> poll(String etag) {
    return hub.send(
        device.tls(hub.ca()),
        HttpRequest.newBuilder(hub.uri("/v1/agent/desired")).header("If-None-Match", etag));
  }

  private Instant storedLastSeen() {
    return hub.hub.store().clusters().get(id).orElseThrow().lastSeen();
  }

  @Test
  void anUnchangedCheckInWritesNoLastSeenUntilTheFlush() {
    HttpResponse<byte[]> first = hub.agent(device.tls(hub.ca()), "GET", "/v1/agent/desired", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    Instant registered = storedLastSeen();

    hub.clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(poll(etag).statusCode()).isEqualTo(304);
    }
    Instant polledAt = hub.clock.instant();

    assertThat(storedLastSeen()).isEqualTo(registered);
    ClusterView[] views =
        Json.read(
            hub.admin("GET", "/v1/admin/clusters", hub.adminToken, null).body(),
            ClusterView[].class,
            "clusters");
    assertThat(views).singleElement().satisfies(v -> assertThat(v.lastSeen()).isEqualTo(polledAt));

    assertThat(hub.hub.flushLastSeen()).isEqualTo(1);
    assertThat(storedLastSeen()).isEqualTo(polledAt);
  }

  @Test
  void aRevokedClusterIsRefusedEvenThoughItsEtagWasRemembered() {
    HttpResponse<byte[]> first = hub.agent(device.tls(hub.ca()), "GET", "/v1/agent/desired", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(poll(etag).statusCode()).isEqualTo(304);

    HttpResponse<byte[]> revoke =
        hub.admin("POST", "/v1/admin/clusters/truck-1/revoke", hub.adminToken, "{}");
    assertThat(revoke.statusCode()).isEqualTo(200);

    HttpResponse<byte[]> r = poll(etag);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(SecureHub.errorCode(r)).isEqualTo("revoked");
  }

  @Test
  void aNewDocumentIsServedToAnAgentWhoseOldEtagWasRemembered() throws Exception {
    HttpResponse<byte[]> first = hub.agent(device.tls(hub.ca()), "GET", "/v1/agent/desired", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(poll(etag).statusCode()).isEqualTo(304);

    hub.repo.write(
        "fleet/app-a/more.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: more\n");
    hub.repo.commit("more");
    hub.hub.fleetLoop().pollNow().get();

    HttpResponse<byte[]> r = poll(etag);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
  }
}
