package dev.flotilla.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.agent.hub.HubException;
import dev.flotilla.hub.api.LoadLimits;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.hooks.GitHookEndpoint;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.testkit.fleet.ProtocolAgent;
import dev.flotilla.testkit.git.GitRepo;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent, admin and hook APIs of an in-process hub over real HTTPS on SQLite, with a real Git
 * repository that only changes desired state when told (sources are polled once an hour).
 */
class HubApiIT {
  static final Facts FACTS = new Facts("arm64", 2048, "v1.30.1+k3s1", "k3s", List.of(), 1, "t");
  static final String SECRET = "webhook-secret-0123456789";

  @TempDir Path dir;
  GitRepo repo;
  Hub hub;
  AdminHttp admin;

  @BeforeEach
  void start() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    FleetRepo.initial(repo);
    hub = start(new LoadLimits(4, 1, Duration.ofSeconds(3)));
    admin = new AdminHttp(hub.adminConf());
  }

  Hub start(LoadLimits limits) throws Exception {
    HubConfig config =
        HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
            .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet"))
            .withIntervals(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofMinutes(2))
            .withLimits(limits);
    return Hub.start(
        config, KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    admin.close();
    hub.close();
    repo.close();
  }

  ProtocolAgent agent(String name, Map<String, String> labels) {
    ProtocolAgent a =
        ProtocolAgent.enroll(hub.url(), admin.token(labels), name, Labels.EMPTY, FACTS);
    assertThat(a.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.Changed.class);
    return a;
  }

  @Test
  void anUnchangedConditionalPollIsA304WithTheNextPollHint() {
    ProtocolAgent a = agent("eu-1", Map.of("tier", "edge", "region", "eu-west"));
    String etag = a.etag().orElseThrow();
    DesiredPoll p = a.poll(Duration.ZERO);
    assertThat(p).isInstanceOf(DesiredPoll.NotModified.class);
    assertThat(p.nextPoll()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
    assertThat(a.etag()).contains(etag);
    a.close();
  }

  @Test
  void aClusterGetsTheBlobsItsDocumentNamesAndNoOthers() {
    ProtocolAgent eu = agent("eu-1", Map.of("tier", "edge", "region", "eu-west"));
    ProtocolAgent lab = agent("lab-1", Map.of("tier", "lab"));
    for (var b : eu.document().orElseThrow().bundles()) {
      Digest d = Digest.parse(b.digest());
      assertThat(Digest.of(eu.blob(d))).as("blob of %s", b.name()).isEqualTo(d);
      assertThatThrownBy(() -> lab.blob(d))
          .isInstanceOfSatisfying(
              HubException.Refused.class, e -> assertThat(e.status()).isEqualTo(403));
    }
    eu.close();
    lab.close();
  }

  @Test
  void aSignedGithubWebhookFetchesTheSourceAndWakesTheLongPoll() throws Exception {
    postSource(SECRET);
    ProtocolAgent a = agent("us-1", Map.of("tier", "edge", "region", "us-east"));
    long generation = a.document().orElseThrow().generation();
    CompletableFuture<DesiredPoll> longPoll =
        CompletableFuture.supplyAsync(() -> a.poll(Duration.ofSeconds(120)));
    await().until(() -> hub.loadShedder().heldLongPolls() == 1);

    FleetRepo.region(repo, "us-east", "https://ingest3.us.example.com");
    String commit = repo.commit("us-east endpoint");
    byte[] push = push(repo.url(), "main");
    HttpResponse<String> r =
        admin.postRaw(GitHookEndpoint.PATH, push, GitHookEndpoint.githubHeaders(push, SECRET));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).contains("\"sources\":[\"fleet\"]");

    assertThat(longPoll.get(60, TimeUnit.SECONDS)).isInstanceOf(DesiredPoll.Changed.class);
    assertThat(a.revisions()).containsEntry("telemetry", commit);
    assertThat(a.document().orElseThrow().generation()).isEqualTo(generation + 1);
    a.close();
  }

  @Test
  void aWebhookThatDoesNotVerifyIsRefusedAndFetchesNothing() {
    postSource(SECRET);
    byte[] push = push(repo.url(), "main");
    assertThat(
            admin
                .postRaw(
                    GitHookEndpoint.PATH,
                    push,
                    GitHookEndpoint.githubHeaders(push, "wrong-secret-0123456"))
                .statusCode())
        .isEqualTo(401);
    assertThat(admin.postRaw(GitHookEndpoint.PATH, push, Map.of()).statusCode()).isEqualTo(401);
    HttpResponse<String> gitlab =
        admin.postRaw(GitHookEndpoint.PATH, push, Map.of("X-Gitlab-Token", SECRET));
    assertThat(gitlab.statusCode()).isEqualTo(202);
    byte[] other = push(repo.url(), "release");
    HttpResponse<String> otherBranch =
        admin.postRaw(GitHookEndpoint.PATH, other, Map.of("X-Gitlab-Token", SECRET));
    assertThat(otherBranch.statusCode()).isEqualTo(202);
    assertThat(otherBranch.body()).contains("\"sources\":[]", "no source follows branch release");
    HttpResponse<String> ping =
        admin.postRaw(
            GitHookEndpoint.PATH,
            "{}".getBytes(),
            Map.of(
                "X-GitHub-Event",
                "ping",
                "X-Hub-Signature-256",
                GitHookEndpoint.githubHeaders("{}".getBytes(), SECRET).get("X-Hub-Signature-256")));
    assertThat(ping.statusCode()).isEqualTo(200);
  }

  @Test
  void theHubShedsPastItsLimitsWithRetryAfterAndCountsIt() throws Exception {
    ProtocolAgent a = agent("eu-1", Map.of("tier", "edge", "region", "eu-west"));
    ProtocolAgent b = agent("eu-2", Map.of("tier", "edge", "region", "eu-west"));

    CompletableFuture<DesiredPoll> held =
        CompletableFuture.supplyAsync(() -> a.poll(Duration.ofSeconds(120)));
    await().until(() -> hub.loadShedder().heldLongPolls() == 1);
    assertThatThrownBy(() -> b.poll(Duration.ofSeconds(120)))
        .isInstanceOfSatisfying(
            HubException.Throttled.class,
            e ->
                assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6)));
    assertThat(b.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.NotModified.class);

    await().until(() -> hub.loadShedder().inFlight() == 0);
    List<Runnable> taken =
        List.of(
            hub.loadShedder().enter(),
            hub.loadShedder().enter(),
            hub.loadShedder().enter(),
            hub.loadShedder().enter());
    assertThatThrownBy(() -> b.poll(Duration.ZERO)).isInstanceOf(HubException.Throttled.class);
    taken.forEach(Runnable::run);
    assertThat(b.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.NotModified.class);

    String metrics = admin.getRaw("/metrics").body();
    assertThat(metrics)
        .contains("flotilla_agent_shed_total{limit=\"in_flight\"} 1")
        .contains("flotilla_agent_shed_total{limit=\"long_polls\"} 1")
        .contains("flotilla_agent_long_polls_held 1")
        .contains("flotilla_hub_leader 1");
    held.cancel(true);
    a.close();
    b.close();
  }

  @Test
  void sourcesAreAddedListedAndRemovedWithoutEverShowingASecret() throws Exception {
    String token = "tok-" + "s3cr3t-value-never-shown";
    HttpResponse<String> add =
        admin.post(
            "/v1/admin/sources",
            Map.of(
                "name",
                "private",
                "url",
                "https://git.invalid/ops/private.git",
                "auth",
                Map.of("type", "token", "username", "ci", "token", token),
                "webhookSecret",
                SECRET));
    assertThat(add.statusCode()).isEqualTo(201);
    assertThat(add.body())
        .contains("\"auth\":\"token\"", "\"webhook\":true")
        .doesNotContain(token, SECRET);
    await()
        .untilAsserted(
            () ->
                assertThat(admin.get("/v1/admin/sources/private").body())
                    .contains("git.invalid")
                    .contains("\"error\":\"fetching"));
    String list = admin.get("/v1/admin/sources").body();
    assertThat(list)
        .contains("\"name\":\"fleet\"", "\"name\":\"private\"")
        .doesNotContain(token, SECRET);
    assertThat(admin.get("/v1/admin/audit").body())
        .contains("source.add")
        .doesNotContain(token, SECRET);
    assertThat(
            admin
                .post(
                    "/v1/admin/sources",
                    Map.of(
                        "name",
                        "bad",
                        "url",
                        "http://x/y.git",
                        "auth",
                        Map.of("type", "token", "token", token)))
                .body())
        .contains("only sent over https://")
        .doesNotContain(token);

    ProtocolAgent a = agent("eu-1", Map.of("tier", "edge", "region", "eu-west"));
    assertThat(a.revisions()).containsKey("telemetry");
    assertThat(admin.delete("/v1/admin/sources/fleet").statusCode()).isEqualTo(200);
    await()
        .untilAsserted(
            () -> {
              a.poll(Duration.ZERO);
              assertThat(a.revisions()).isEmpty();
            });
    assertThat(admin.get("/v1/admin/sources/fleet").statusCode()).isEqualTo(404);
    a.close();
  }

  @Test
  void labellingAClusterRecomputesItsDocument() {
    ProtocolAgent a = agent("eu-1", Map.of("tier", "edge", "region", "eu-west"));
    assertThat(a.revisions()).doesNotContainKey("canary");
    assertThat(
            admin
                .post("/v1/admin/clusters/eu-1/labels", Map.of("set", Map.of("canary", "true")))
                .statusCode())
        .isEqualTo(200);
    await()
        .untilAsserted(
            () -> {
              a.poll(Duration.ZERO);
              assertThat(a.revisions()).containsKey("canary");
            });
    a.close();
  }

  private void postSource(String secret) {
    HttpResponse<String> r =
        admin.post(
            "/v1/admin/sources",
            Map.of(
                "name",
                "fleet",
                "url",
                repo.url(),
                "branch",
                "main",
                "path",
                "fleet",
                "webhookSecret",
                secret));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  static byte[] push(String url, String branch) {
    return ("{\"ref\":\"refs/heads/"
            + branch
            + "\",\"repository\":{\"clone_url\":\""
            + url
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
