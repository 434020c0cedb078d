package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mTLS on every agent endpoint: no certificate, a certificate from another CA, an expired one and a
 * TLS 1.2-only client are all refused; the cluster is whoever the certificate names.
 */
class MutualTlsIT {
  static final List<String[]> AUTHENTICATED =
      List.of(
          new String[] {"GET", "/v1/agent/desired", null},
          new String[] {"GET", "/v1/agent/blobs/" + "0".repeat(64), null},
          new String[] {"POST", "/v1/agent/status", "{\"seq\": 1}"},
          new String[] {"POST", "/v1/agent/renew", "{\"csr\": \"x\"}"});

  @TempDir Path dir;
  SecureHub hub;

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  @Test
  void everyAgentEndpointButRegisterNeedsAClientCertificate() {
    SSLContext anonymous = TlsContexts.trusting(hub.ca());
    for (String[] call : AUTHENTICATED) {
      HttpResponse<byte[]> r = hub.agent(anonymous, call[0], call[1], call[2]);
      assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
      assertThat(SecureHub.errorCode(r)).isEqualTo("unauthorized");
    }
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedEvenIfItNamesARealCluster() {
    SecureHub.Device real = hub.register("real", "a");
    HubPki other = HubPki.loadOrCreate(dir.resolve("other-pki"), List.of("localhost"), hub.clock);
    KeyPair keys = Keys.generateEc();
    X509Certificate forged =
        other.issueClient(
            Csrs.create(keys, "x"), new ClusterId(real.clusterId()), Duration.ofDays(1));
    SSLContext tls = TlsContexts.mutual(hub.ca(), keys.getPrivate(), List.of(forged));

    for (String[] call : AUTHENTICATED) {
      assertRefused(() -> hub.agent(tls, call[0], call[1], call[2]));
    }
  }

  @Test
  void anExpiredCertificateIsRefused() {
    SecureHub.Device device = hub.register("soon-expired", "a");
    KeyPair keys = Keys.generateEc();
    var now = hub.clock.instant();
    hub.clock.set(now.minus(Duration.ofDays(10)));
    X509Certificate old =
        hub.hub
            .pki()
            .issueClient(
                Csrs.create(keys, "x"), new ClusterId(device.clusterId()), Duration.ofDays(1));
    hub.clock.set(now);
    SSLContext tls = TlsContexts.mutual(hub.ca(), keys.getPrivate(), List.of(old));

    assertRefused(() -> hub.agent(tls, "GET", "/v1/agent/desired", null));
  }

  @Test
  void aTls12OnlyClientCannotConnect() {
    SecureHub.Device device = hub.register("old-tls", "a");
    SSLParameters tls12 = new SSLParameters();
    tls12.setProtocols(new String[] {"TLSv1.2"});
    try (HttpClient client =
        HttpClient.newBuilder()
            .sslContext(device.tls(hub.ca()))
            .sslParameters(tls12)
            .connectTimeout(SecureHub.TIMEOUT)
            .build()) {
      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(hub.uri("/v1/agent/desired"))
                          .timeout(SecureHub.TIMEOUT)
                          .build(),
                      HttpResponse.BodyHandlers.ofByteArray()))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void theClusterIsWhoeverTheCertificateNames() {
    SecureHub.Device a = hub.register("cluster-a", "a");
    hub.register("cluster-b", "b");

    var doc = hub.desired(a);

    assertThat(doc.cluster()).isEqualTo(a.clusterId());
    assertThat(hub.bundleNames(doc)).containsExactly("app-a");
  }

  /** Refused at the handshake, or answered 401/403: never served. */
  private static void assertRefused(ThrowingCall call) {
    try {
      HttpResponse<byte[]> r = call.run();
      assertThat(r.statusCode()).isIn(401, 403);
    } catch (UncheckedIOException e) {
      assertThat(e).hasRootCauseInstanceOf(java.io.IOException.class);
    }
  }

  @FunctionalInterface
  interface ThrowingCall {
    HttpResponse<byte[]> run();
  }
}
