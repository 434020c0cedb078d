package dev.flotilla.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.admin.AdminViews.SourceAuthRequest;
import dev.flotilla.hub.admin.AdminViews.SourceRequest;
import dev.flotilla.hub.store.SourceAuth;
import dev.flotilla.hub.store.SourceDefinition;
import dev.flotilla.hub.store.SourceRecord;
import dev.flotilla.protocol.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceRequestsTest {
  static final String TOKEN = "glpat-secret-token-value";

  @Test
  void aTokenSourceNeedsHttps() {
    SourceDefinition d =
        SourceRequests.definition(
            new SourceRequest(
                "fleet",
                "https://git.example.com/ops/fleet.git",
                null,
                "./clusters/",
                new SourceAuthRequest("token", "ci", TOKEN, null, null),
                "0123456789abcdef0123"));
    assertThat(d.branch()).isEqualTo("main");
    assertThat(d.path()).isEqualTo("clusters");
    assertThat(d.auth()).isEqualTo(SourceAuth.token("ci", TOKEN));
    assertThatThrownBy(
            () ->
                SourceRequests.definition(
                    new SourceRequest(
                        "fleet",
                        "http://git.example.com/fleet.git",
                        null,
                        null,
                        new SourceAuthRequest("token", null, TOKEN, null, null),
                        null)))
        .hasMessageContaining("only sent over https://")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void refusesAPasswordInTheUrl() {
    assertThatThrownBy(
            () ->
                SourceRequests.definition(
                    new SourceRequest(
                        "fleet",
                        "https://ci:" + TOKEN + "@git.example.com/f.git",
                        null,
                        null,
                        null,
                        null)))
        .hasMessageContaining("url: must not carry a password")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void refusesAnUnreadableSshKeyWithoutQuotingIt() {
    String key =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-really-a-key\n-----END OPENSSH PRIVATE KEY-----\n";
    assertThatThrownBy(
            () ->
                SourceRequests.definition(
                    new SourceRequest(
                        "fleet",
                        "ssh://git@git.example.com/fleet.git",
                        null,
                        null,
                        new SourceAuthRequest("ssh", null, null, key, null),
                        null)))
        .hasMessageStartingWith("auth: the SSH private key cannot be read")
        .hasMessageNotContaining("not-really-a-key");
  }

  @Test
  void refusesAShortWebhookSecretAndUnknownAuth() {
    assertThatThrownBy(
            () ->
                SourceRequests.definition(
                    new SourceRequest("fleet", "file:///srv/fleet", null, null, null, "short")))
        .hasMessageContaining("webhookSecret: must be at least 16");
    assertThatThrownBy(
            () ->
                SourceRequests.definition(
                    new SourceRequest(
                        "fleet",
                        "file:///srv/fleet",
                        null,
                        null,
                        new SourceAuthRequest("kerberos", null, null, null, null),
                        null)))
        .hasMessageContaining("auth.type: expected none, token or ssh");
    assertThatThrownBy(
            () ->
                SourceRequests.definition(
                    new SourceRequest("Bad Name", "file:///srv/fleet", null, null, null, null)))
        .hasMessageContaining("source name");
  }

  @Test
  void theViewNeverCarriesASecret() {
    SourceRecord r =
        new SourceRecord(
            "fleet",
            "https://ci:hunter2@git.example.com/f.git",
            "main",
            "",
            Optional.of("abc"),
            Optional.empty(),
            "",
            Optional.empty(),
            SourceAuth.token("ci", TOKEN),
            "webhook-secret-value-123");
    String json = new String(Json.write(SourceRequests.view(r)));
    assertThat(json)
        .doesNotContain(TOKEN, "webhook-secret-value-123", "hunter2")
        .contains("\"auth\":\"token\"", "\"webhook\":true", "ci:****@");
  }
}
