package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.RenewResponse;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.RecoveryProof;
import dev.flotilla.protocol.pki.TlsContexts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/agent/recover}: a device whose certificate expired while offline gets a new one
 * by proving possession of its device key, within the grace period, for the latest certificate of a
 * cluster that is not revoked; every other case is refused.
 */
class RecoveryIT {
  @TempDir Path dir;
  SecureHub hub;
  SecureHub.Device device;
  Instant now;

  @BeforeEach
  void start() throws Exception {
    hub = SecureHub.start(dir);
    now = hub.clock.instant();
    hub.clock.set(now.minus(Duration.ofDays(100)));
    device = hub.register("offline-for-months", "a"); // 90-day certificate: expired 10 days ago
    hub.clock.set(now);
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
  }

  private RecoverRequest request(
      X509Certificate cert, KeyPair proofKey, String csr, Instant signedAt) {
    return new RecoverRequest(
        Pem.encode(cert),
        csr,
        signedAt.toString(),
        RecoveryProof.sign(proofKey.getPrivate(), cert, csr, signedAt));
  }

  private HttpResponse<byte[]> recover(RecoverRequest req) {
    return hub.agent(
        TlsContexts.trusting(hub.ca()), "POST", "/v1/agent/recover", Json.writeString(req));
  }

  private void assertRefused(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(SecureHub.text(r)).isEqualTo(status);
    assertThat(SecureHub.errorCode(r)).isEqualTo(code);
  }

  @Test
  void anExpiredDeviceRecoversWithProofOfItsKey() {
    assertThat(device.certificate().getNotAfter().toInstant()).isBefore(now);
    KeyPair fresh = Keys.generateEc();

    HttpResponse<byte[]> r =
        recover(request(device.certificate(), device.keys(), Csrs.create(fresh, "x"), now));

    assertThat(r.statusCode()).as(SecureHub.text(r)).isEqualTo(200);
    X509Certificate renewed =
        Pem.certificate(Json.read(r.body(), RenewResponse.class, "recovered").certificate());
    assertThat(renewed.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(89)));
    assertThat(renewed.getPublicKey()).isEqualTo(fresh.getPublic());
    SecureHub.Device back = new SecureHub.Device(device.name(), fresh, device.clusterId(), renewed);
    assertThat(hub.desired(back).cluster()).isEqualTo(device.clusterId());
    assertThat(hub.hub.store().audit().recent(5).get(0).action()).isEqualTo("cluster.recover");
  }

  @Test
  void aRevokedDeviceCannotRecover() {
    hub.admin("POST", "/v1/admin/clusters/offline-for-months/revoke", hub.adminToken, "{}");

    assertRefused(
        recover(
            request(device.certificate(), device.keys(), Csrs.create(Keys.generateEc(), "x"), now)),
        403,
        "revoked");
  }

  @Test
  void noRecoveryAfterTheGracePeriod() {
    hub.clock.set(now.plus(Duration.ofDays(21))); // expired 31 days ago, grace is 30
    Instant t = hub.clock.instant();

    assertRefused(
        recover(
            request(device.certificate(), device.keys(), Csrs.create(Keys.generateEc(), "x"), t)),
        403,
        "recovery_expired");
  }

  @Test
  void onlyTheLatestCertificateMayRecover() {
    KeyPair fresh = Keys.generateEc();
    assertThat(
            recover(request(device.certificate(), device.keys(), Csrs.create(fresh, "x"), now))
                .statusCode())
        .isEqualTo(200);

    // a copy of the old certificate and key (a cloned disk) cannot get a second identity
    assertRefused(
        recover(
            request(device.certificate(), device.keys(), Csrs.create(Keys.generateEc(), "x"), now)),
        403,
        "superseded");
  }

  @Test
  void aProofByAnotherKeyIsRefused() {
    assertRefused(
        recover(
            request(
                device.certificate(), Keys.generateEc(), Csrs.create(Keys.generateEc(), "x"), now)),
        403,
        "bad_proof");
  }

  @Test
  void aProofIsBoundToItsCsr() {
    RecoverRequest honest =
        request(device.certificate(), device.keys(), Csrs.create(Keys.generateEc(), "x"), now);
    RecoverRequest replayed =
        new RecoverRequest(
            honest.certificate(),
            Csrs.create(Keys.generateEc(), "attacker"),
            honest.signedAt(),
            honest.proof());

    assertRefused(recover(replayed), 403, "bad_proof");
  }

  @Test
  void aStaleProofIsRefused() {
    assertRefused(
        recover(
            request(
                device.certificate(),
                device.keys(),
                Csrs.create(Keys.generateEc(), "x"),
                now.minus(Duration.ofHours(1)))),
        403,
        "stale_proof");
  }

  @Test
  void aValidCertificateMustRenewInstead() {
    SecureHub.Device current = hub.register("still-valid", "a");

    assertRefused(
        recover(
            request(
                current.certificate(), current.keys(), Csrs.create(Keys.generateEc(), "x"), now)),
        409,
        "not_expired");
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() {
    HubPki other = HubPki.loadOrCreate(dir.resolve("other"), List.of("localhost"), hub.clock);
    KeyPair keys = Keys.generateEc();
    hub.clock.set(now.minus(Duration.ofDays(2)));
    X509Certificate foreign =
        other.issueClient(
            Csrs.create(keys, "x"), new ClusterId(device.clusterId()), Duration.ofDays(1));
    hub.clock.set(now);

    assertRefused(
        recover(request(foreign, keys, Csrs.create(Keys.generateEc(), "x"), now)),
        403,
        "not_issued_here");
  }
}
