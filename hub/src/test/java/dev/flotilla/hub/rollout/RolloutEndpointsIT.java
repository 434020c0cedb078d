package dev.flotilla.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.enroll.TokenIssuer;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.hub.store.AuditLog;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.pki.TlsContexts;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.testkit.git.GitRepo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout admin API on a real hub over HTTPS: roles, conflicts, the audit log. */
class RolloutEndpointsIT {
  @TempDir Path dir;
  GitRepo repo;
  Hub hub;
  HttpClient http;
  String viewer;
  String operator;

  @BeforeEach
  void hubWithARolloutInProgress() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    repo.write(
        "bundles/web/bundle.yaml",
        """
        targets: [{selector: {matchLabels: {tier: edge}}}]
        rollout: {stages: [50%, 100%], healthTimeout: 1h}
        """);
    repo.write("bundles/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");
    repo.commit("web");
    hub =
        Hub.start(
            HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
                .withSource(new SourceSpec("main", repo.url(), "main", "bundles"))
                .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5)),
            KustomizeBundleRenderer.withDefaults(),
            Clock.systemUTC());
    for (String name : new String[] {"edge-1", "edge-2"}) {
      // registered, never reporting: the rollout waits on them
      hub.store()
          .clusters()
          .insert(
              new ClusterRecord(
                  ClusterId.random(),
                  name,
                  Labels.of("tier", "edge"),
                  Facts.UNKNOWN,
                  java.time.Instant.now(),
                  java.time.Instant.now(),
                  false,
                  "1",
                  java.time.Instant.now().plusSeconds(3600),
                  "",
                  0,
                  0));
    }
    TokenIssuer issuer =
        new TokenIssuer(hub.store().tokens(), hub.pki().caPin(), Clock.systemUTC());
    viewer = issuer.admin(Role.VIEWER, "test viewer");
    operator = issuer.admin(Role.OPERATOR, "test operator");
    http =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.trusting(hub.pki().ca()))
            .sslParameters(TlsContexts.parameters())
            .build();
    hub.fleetLoop().distributeAll().get();
    await("the rollout of web is under way")
        .atMost(Duration.ofSeconds(60))
        .until(() -> get("/v1/admin/rollouts/web", viewer).statusCode() == 200);
  }

  @AfterEach
  void stop() {
    http.close();
    hub.close();
    repo.close();
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(hub.url() + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(hub.url() + path))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void viewersReadOperatorsActAndActionsAreAudited() throws Exception {
    RolloutView v =
        Json.read(
            get("/v1/admin/rollouts/web", viewer).body().getBytes(), RolloutView.class, "view");
    assertThat(v.phase()).isEqualTo("PROGRESSING");
    assertThat(v.progress().stageNames()).containsExactly("50%", "100%");
    assertThat(get("/v1/admin/rollouts", viewer).body()).contains("\"bundle\":\"web\"");
    assertThat(get("/v1/admin/rollouts/web/history", viewer).body()).contains("Started");

    HttpResponse<String> denied = post("/v1/admin/rollouts/web/pause", viewer, "");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("needs the operator role");

    HttpResponse<String> paused =
        post("/v1/admin/rollouts/web/pause", operator, "{\"reason\": \"checking dashboards\"}");
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    assertThat(paused.body()).contains("\"phase\":\"PAUSED\"").contains("checking dashboards");
    assertThat(hub.store().audit().recent(10))
        .extracting(AuditLog.Entry::action, AuditLog.Entry::target)
        .contains(org.assertj.core.groups.Tuple.tuple("rollout.pause", "web"));

    HttpResponse<String> again = post("/v1/admin/rollouts/web/pause", operator, "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("cannot pause the rollout of web").contains("it is paused");
    HttpResponse<String> noPrevious = post("/v1/admin/rollouts/web/rollback", operator, "");
    assertThat(noPrevious.statusCode()).isEqualTo(409);
    assertThat(noPrevious.body()).contains("has no previous revision to return to");
  }

  @Test
  void badRequestsAreNamed() throws Exception {
    assertThat(get("/v1/admin/rollouts/nope", viewer).statusCode()).isEqualTo(404);
    assertThat(post("/v1/admin/rollouts/web/pause", operator, "{not json").statusCode())
        .isEqualTo(400);
    assertThat(post("/v1/admin/rollouts/web/undo", operator, "").statusCode()).isEqualTo(404);
    assertThat(get("/v1/admin/rollouts/web", "flta.nope").statusCode()).isEqualTo(401);
  }
}
