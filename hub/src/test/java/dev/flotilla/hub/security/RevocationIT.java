package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flotilla cluster revoke} cuts a device off at its next request, long-polls included. */
class RevocationIT {
  @TempDir Path dir;
  SecureHub hub;
  SecureHub.Device device;

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir);
    device = hub.register("stolen-truck-17", "a");
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  private void revoke() {
    HttpResponse<byte[]> r =
        hub.admin("POST", "/v1/admin/clusters/stolen-truck-17/revoke", hub.adminToken, "{}");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aRevokedClusterIsRefusedOnEveryAgentEndpoint() {
    String blob = hub.digestOf(hub.desired(device), "app-a").orElseThrow();
    revoke();

    for (String[] call :
        new String[][] {
          {"GET", "/v1/agent/desired", null},
          {"GET", "/v1/agent/blobs/" + blob, null},
          {"POST", "/v1/agent/status", "{\"seq\": 5}"},
          {"POST", "/v1/agent/renew", "{\"csr\": \"" + csr() + "\"}"}
        }) {
      HttpResponse<byte[]> r = hub.agent(device.tls(hub.ca()), call[0], call[1], call[2]);
      assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(403);
      assertThat(SecureHub.errorCode(r)).isEqualTo("revoked");
    }
  }

  @Test
  void aLongPollInProgressIsCutOffByTheRevocation() throws Exception {
    HttpResponse<byte[]> first = hub.agent(device.tls(hub.ca()), "GET", "/v1/agent/desired", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpRequest.Builder poll =
        HttpRequest.newBuilder(hub.uri("/v1/agent/desired?wait=300")).header("If-None-Match", etag);
    hub.clock.advance(java.time.Duration.ofSeconds(5));
    java.time.Instant polledAt = hub.clock.instant();
    CompletableFuture<HttpResponse<byte[]>> waiting =
        CompletableFuture.supplyAsync(() -> hub.send(device.tls(hub.ca()), poll));
    // the poll has reached the hub once it touched lastSeen; the hub closes the remaining race
    org.awaitility.Awaitility.await().until(() -> lastSeen().equals(polledAt));

    revoke();

    HttpResponse<byte[]> r = waiting.get(20, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(SecureHub.errorCode(r)).isEqualTo("revoked");
  }

  @Test
  void aRevokedDeviceCannotRegisterItsNameAgain() {
    revoke();

    HttpResponse<byte[]> r =
        hub.tryRegister("stolen-truck-17", hub.bootstrapToken(1, "1h"), Map.of(), device.keys());

    assertThat(r.statusCode()).isEqualTo(409);
  }

  @Test
  void aRevokedClusterGetsNoNewDesiredState() throws Exception {
    revoke();
    long before =
        hub.hub
            .store()
            .desired()
            .get(new dev.flotilla.model.ClusterId(device.clusterId()))
            .orElseThrow()
            .generation();
    hub.repo.write(
        "fleet/app-a/more.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: more\n");
    hub.repo.commit("more");
    hub.hub.fleetLoop().pollNow().get();

    assertThat(
            hub.hub
                .store()
                .desired()
                .get(new dev.flotilla.model.ClusterId(device.clusterId()))
                .orElseThrow()
                .generation())
        .isEqualTo(before);
  }

  private java.time.Instant lastSeen() {
    return hub.hub
        .store()
        .clusters()
        .get(new dev.flotilla.model.ClusterId(device.clusterId()))
        .orElseThrow()
        .lastSeen();
  }

  private static String csr() {
    return Csrs.create(Keys.generateEc(), "x").replace("\n", "\\n");
  }
}
