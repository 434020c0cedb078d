package dev.flotilla.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.hub.HubException;
import dev.flotilla.agent.identity.Enroller;
import dev.flotilla.agent.identity.Identity;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.pki.BootstrapToken;
import dev.flotilla.protocol.pki.CaPin;
import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent's identity over its life: it refuses a hub the token does not pin, renews at two
 * thirds of its certificate's life with overlapping validity, recovers an identity that expired
 * while it was offline, and cannot recover once revoked.
 */
class IdentityLifecycleIT {
  @TempDir Path dir;
  EdgeFixture fleet;

  @BeforeEach
  void start() throws Exception {
    fleet = new EdgeFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    fleet.close();
  }

  @Test
  void theAgentRefusesAHubTheTokenDoesNotPin() {
    BootstrapToken real = BootstrapToken.parse(fleet.token());
    BootstrapToken otherHub =
        new BootstrapToken(real.id(), real.secret(), new CaPin(Digest.of("another hub's CA")));

    assertThatThrownBy(
            () ->
                Enroller.enroll(
                    fleet.hub.url(),
                    otherHub,
                    "misled",
                    Labels.EMPTY,
                    Facts.UNKNOWN,
                    dev.flotilla.agent.identity.DeviceKeys.generate()))
        .isInstanceOf(HubException.Unreachable.class)
        .hasMessageContaining("does not contain the CA pinned by the token");
    // nothing reached the hub: the token is not used and no cluster exists
    assertThat(fleet.hub.store().clusters().byName("misled")).isEmpty();
    assertThat(fleet.hub.store().tokens().get(real.id()).orElseThrow().usesLeft().getAsInt())
        .isEqualTo(10);
  }

  @Test
  void renewsAtTwoThirdsOfItsLifeWithOverlappingValidity() throws Exception {
    EdgeFixture.Site site = fleet.site("renewer");
    site.steps(3);
    Identity first = site.agent.identity().orElseThrow();
    assertThat(site.configValue("settings")).contains("v1");

    site.clock.advance(Duration.ofDays(59)); // 90-day certificate: not due yet
    site.steps(1);
    assertThat(site.agent.identity().orElseThrow().certificate()).isEqualTo(first.certificate());

    site.clock.advance(Duration.ofDays(2)); // past 60 days
    site.steps(1);
    Identity renewed = site.agent.identity().orElseThrow();

    assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
    assertThat(renewed.privateKey()).isNotEqualTo(first.privateKey());
    // issued by the hub's clock, usable at once (the hub clock did not move with the agent's)
    assertThat(renewed.notBefore()).isBefore(fleet.hubClock.instant());
    // overlap: the old certificate still works until it expires
    try (HubClient old = new HubClient(first.hubUrl(), first.tls(), Duration.ofSeconds(5))) {
      assertThat(old.desired(Optional.empty(), Duration.ZERO)).isNotNull();
    }
    // and the new one is in use: a change reaches the cluster
    fleet.commit("fleet/app/config.yaml", EdgeFixture.configMap("settings", "v2"));
    site.steps(2);
    assertThat(site.configValue("settings")).contains("v2");
    assertThat(fleet.hub.store().clusters().byName("renewer").orElseThrow().certSerial())
        .isEqualTo(Pem.certificate(renewed.certificate()).getSerialNumber().toString(16));
  }

  /** Makes the agent's latest certificate one that expired {@code ago}, as after months offline. */
  private void expire(EdgeFixture.Site site, Duration ago) throws Exception {
    Identity id = site.agent.identity().orElseThrow();
    KeyPair keys = Keys.generateEc();
    var now = fleet.hubClock.instant();
    fleet.hubClock.set(now.minus(ago).minus(Duration.ofDays(90)));
    X509Certificate expired =
        fleet
            .hub
            .pki()
            .issueClient(
                Csrs.create(keys, "x"), new ClusterId(id.clusterId()), Duration.ofDays(90));
    fleet.hubClock.set(now);
    fleet
        .hub
        .store()
        .clusters()
        .setCertificate(
            new ClusterId(id.clusterId()),
            expired.getSerialNumber().toString(16),
            expired.getNotAfter().toInstant());
    site.agent
        .store()
        .saveIdentity(
            id.withCertificate(
                Pem.encode(keys.getPrivate()), Pem.encode(expired), id.caCertificate()));
  }

  @Test
  void recoversAnIdentityThatExpiredWhileOffline() throws Exception {
    EdgeFixture.Site site = fleet.site("back-from-the-sea");
    site.steps(3);
    site.agent.close();
    expire(site, Duration.ofDays(10));
    fleet.commit("fleet/app/config.yaml", EdgeFixture.configMap("settings", "v2"));

    // the device restarts with its expired certificate
    EdgeFixture.Site restarted = fleet.new Site("back-from-the-sea", "");
    restarted.steps(4);

    Identity now = restarted.agent.identity().orElseThrow();
    assertThat(now.notAfter()).isAfter(fleet.hubClock.instant().plus(Duration.ofDays(80)));
    assertThat(restarted.configValue("settings")).contains("v2");
  }

  @Test
  void aRevokedDeviceCannotRecoverAndKeepsItsLastState() throws Exception {
    EdgeFixture.Site site = fleet.site("stolen");
    site.steps(3);
    site.agent.close();
    expire(site, Duration.ofDays(10));
    fleet.admin.post("/v1/admin/clusters/stolen/revoke", java.util.Map.of(), Object.class);

    EdgeFixture.Site restarted = fleet.new Site("stolen", "");
    restarted.steps(4);

    assertThat(restarted.agent.identity().orElseThrow().notAfter())
        .isBefore(fleet.hubClock.instant());
    assertThat(restarted.configValue("settings")).contains("v1");
  }
}
