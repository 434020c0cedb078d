package dev.flotilla.hub.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookParsingTest {
  static final byte[] GITHUB =
      """
      {"ref": "refs/heads/main", "before": "a", "after": "b",
       "repository": {"full_name": "acme/fleet", "clone_url": "https://github.com/acme/fleet.git",
                      "ssh_url": "git@github.com:acme/fleet.git", "html_url": "https://github.com/acme/fleet"}}
      """
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] GITLAB =
      """
      {"object_kind": "push", "ref": "refs/heads/prod",
       "project": {"git_http_url": "https://gitlab.example.com/ops/fleet.git",
                   "git_ssh_url": "git@gitlab.example.com:ops/fleet.git", "web_url": "https://gitlab.example.com/ops/fleet"},
       "repository": {"url": "git@gitlab.example.com:ops/fleet.git"}}
      """
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void readsAGithubPush() {
    PushEvent e = PushEvent.parse(GITHUB);
    assertThat(e.branch()).contains("main");
    assertThat(e.concerns("https://github.com/acme/fleet.git", "main")).isTrue();
    assertThat(e.concerns("ssh://git@github.com:22/acme/fleet", "main")).isTrue();
    assertThat(e.concerns("https://github.com/acme/fleet.git", "prod")).isFalse();
    assertThat(e.concerns("https://github.com/acme/other.git", "main")).isFalse();
  }

  @Test
  void readsAGitlabPush() {
    PushEvent e = PushEvent.parse(GITLAB);
    assertThat(e.branch()).contains("prod");
    assertThat(e.concerns("git@gitlab.example.com:ops/fleet.git", "prod")).isTrue();
    assertThat(e.concerns("https://GITLAB.example.com/ops/fleet/", "prod")).isTrue();
  }

  @Test
  void aTagPushConcernsNoBranch() {
    PushEvent e =
        PushEvent.parse(
            "{\"ref\":\"refs/tags/v1\",\"repository\":{\"clone_url\":\"https://h/o/r.git\"}}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(e.branch()).isEmpty();
    assertThat(e.concerns("https://h/o/r.git", "main")).isFalse();
  }

  @Test
  void refusesWhatIsNotAPush() {
    assertThatThrownBy(() -> PushEvent.parse("nope".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> PushEvent.parse("{\"ref\":\"refs/heads/main\"}".getBytes()))
        .hasMessageContaining("names no repository");
  }

  @ParameterizedTest
  @CsvSource({
    "https://github.com/acme/fleet.git, github.com/acme/fleet",
    "https://user@github.com/acme/fleet/, github.com/acme/fleet",
    "ssh://git@github.com:22/acme/fleet.git, github.com/acme/fleet",
    "git@github.com:acme/fleet.git, github.com/acme/fleet",
    "http://GitHub.com:8080/acme/fleet, github.com/acme/fleet",
    "file:///srv/git/fleet.git, /srv/git/fleet",
    "file:///srv/git/fleet/, /srv/git/fleet"
  })
  void repositoryUrlsAreComparedWithoutSchemeUserPortOrSuffix(String url, String key) {
    assertThat(RepositoryKey.of(url)).isEqualTo(key);
  }

  @Test
  void aGithubSignatureVerifiesOnlyWithItsSecretAndBody() {
    String header = WebhookSignature.githubHeaderValue(GITHUB, "a-long-webhook-secret");
    WebhookSignature s = WebhookSignature.from(Optional.of(header), Optional.empty()).orElseThrow();
    assertThat(s.verifies(GITHUB, "a-long-webhook-secret")).isTrue();
    assertThat(s.verifies(GITHUB, "another-webhook-secret")).isFalse();
    assertThat(s.verifies(GITLAB, "a-long-webhook-secret")).isFalse();
    assertThat(s.verifies(GITHUB, "")).isFalse();
  }

  @Test
  void githubsDocumentedExampleSignatureVerifies() {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    WebhookSignature s =
        WebhookSignature.from(
                Optional.of(
                    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
                Optional.empty())
            .orElseThrow();
    assertThat(s.verifies(body, "It's a Secret to Everybody")).isTrue();
  }

  @Test
  void aGitlabTokenMustEqualTheSecret() {
    WebhookSignature s =
        WebhookSignature.from(Optional.empty(), Optional.of("a-long-webhook-secret")).orElseThrow();
    assertThat(s.verifies(GITLAB, "a-long-webhook-secret")).isTrue();
    assertThat(s.verifies(GITLAB, "a-long-webhook-secreT")).isFalse();
    assertThat(s.verifies(GITLAB, "")).isFalse();
  }

  @Test
  void malformedOrMissingSignaturesAreNone() {
    assertThat(WebhookSignature.from(Optional.of("sha1=abc"), Optional.empty())).isEmpty();
    assertThat(WebhookSignature.from(Optional.empty(), Optional.of(""))).isEmpty();
    assertThat(WebhookSignature.from(Optional.empty(), Optional.empty())).isEmpty();
  }
}
