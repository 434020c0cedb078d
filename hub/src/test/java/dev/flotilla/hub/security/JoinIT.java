package dev.flotilla.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.Digest;
import dev.flotilla.protocol.pki.BootstrapToken;
import dev.flotilla.protocol.pki.CaPin;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining with bootstrap tokens: expiry, uses, revocation, hashing, and the CA pin. */
class JoinIT {
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
  void refusesAnExpiredToken() {
    String token = hub.bootstrapToken(null, "1h");
    hub.clock.advance(Duration.ofMinutes(61));

    HttpResponse<byte[]> r = hub.tryRegister("late", token, Map.of());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(SecureHub.errorCode(r)).isEqualTo("token_expired");
  }

  @Test
  void acceptsATokenJustBeforeItExpires() {
    String token = hub.bootstrapToken(null, "1h");
    hub.clock.advance(Duration.ofMinutes(59));

    assertThat(hub.tryRegister("in-time", token, Map.of()).statusCode()).isEqualTo(201);
  }

  @Test
  void aSingleUseTokenJoinsOneClusterOnly() {
    String token = hub.bootstrapToken(1, "1h");

    assertThat(hub.tryRegister("first", token, Map.of()).statusCode()).isEqualTo(201);
    HttpResponse<byte[]> second = hub.tryRegister("second", token, Map.of());

    assertThat(second.statusCode()).isEqualTo(401);
    assertThat(SecureHub.errorCode(second)).isEqualTo("token_used_up");
  }

  @Test
  void countsUsesDown() {
    String token = hub.bootstrapToken(2, "1h");

    assertThat(hub.tryRegister("one", token, Map.of()).statusCode()).isEqualTo(201);
    assertThat(hub.tryRegister("two", token, Map.of()).statusCode()).isEqualTo(201);
    assertThat(SecureHub.errorCode(hub.tryRegister("three", token, Map.of())))
        .isEqualTo("token_used_up");
  }

  @Test
  void refusesARevokedToken() {
    String token = hub.bootstrapToken(null, "1h");
    String id = BootstrapToken.parse(token).id();
    assertThat(hub.admin("DELETE", "/v1/admin/tokens/" + id, hub.adminToken, null).statusCode())
        .isEqualTo(200);

    HttpResponse<byte[]> r = hub.tryRegister("after-revoke", token, Map.of());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(SecureHub.errorCode(r)).isEqualTo("token_revoked");
  }

  @Test
  void refusesAWrongSecret() {
    BootstrapToken real = BootstrapToken.parse(hub.bootstrapToken(null, "1h"));
    String forged = new BootstrapToken(real.id(), "aaaaaaaaaaaaaaaa", real.caPin()).encoded();

    HttpResponse<byte[]> r = hub.tryRegister("forger", forged, Map.of());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(SecureHub.errorCode(r)).isEqualTo("token_invalid");
  }

  @Test
  void storesOnlyTheHashOfTheSecret() throws Exception {
    BootstrapToken token = BootstrapToken.parse(hub.bootstrapToken(null, "1h"));

    assertThat(hub.hub.store().tokens().get(token.id()).orElseThrow().secretHash())
        .isEqualTo(Digest.of(token.secret()).hex())
        .doesNotContain(token.secret());
    // nor anywhere in the database files (WAL included)
    try (Stream<Path> files = Files.list(dir.resolve("hub"))) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().startsWith("flotilla.db")).toList()) {
        String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(raw).as(f.toString()).doesNotContain(token.secret());
      }
    }
  }

  @Test
  void refusesZeroUsesAndNonPositiveOrMalformedLifetimes() {
    for (String body :
        new String[] {
          "{\"uses\": 0}",
          "{\"uses\": -3}",
          "{\"ttl\": \"0s\"}",
          "{\"ttl\": \"-1h\"}",
          "{\"ttl\": \"soon\"}"
        }) {
      HttpResponse<byte[]> r = hub.admin("POST", "/v1/admin/tokens", hub.adminToken, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
    }
  }

  @Test
  void aClientPinningAnotherCaRefusesTheHub() {
    CaPin wrong = new CaPin(Digest.of("some other hub's CA"));

    assertThatThrownBy(
            () ->
                hub.send(
                    TlsContexts.pinned(wrong), HttpRequest.newBuilder(hub.uri("/healthz")).GET()))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(SSLHandshakeException.class)
        .rootCause()
        .hasMessageContaining("does not contain the CA pinned by the token");
  }

  @Test
  void aClientPinningTheHubsCaReachesIt() {
    HttpResponse<byte[]> r =
        hub.send(
            TlsContexts.pinned(CaPin.of(hub.ca())),
            HttpRequest.newBuilder(hub.uri("/healthz")).GET());

    assertThat(r.statusCode()).isEqualTo(200);
  }
}
