package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.agent.hub.HubException;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.admin.AdminViews.SourceRequest;
import dev.flotilla.hub.admin.AdminViews.SourceView;
import dev.flotilla.hub.admin.AdminViews.TokenView;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.TlsContexts;
import dev.flotilla.testkit.Postgres;
import dev.flotilla.testkit.fleet.ProtocolAgent;
import dev.flotilla.testkit.git.GitCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hub process on each database, a repository made with the {@code git} tool, commits announced
 * by signed webhooks from the JDK's HTTP client, and raw protocol clients that see exactly which
 * documents change: unchanged polls are 304s, a commit reaches exactly the clusters it targets, a
 * one-overlay change touches only that overlay's clusters, and a {@code kill -9} of the hub while a
 * commit is being distributed loses nothing.
 */
class HubProcessIT {
  static final String SECRET = "process-webhook-secret-0123";
  static final Facts FACTS = new Facts("arm64", 2048, "v1.30.4+k3s1", "k3s", List.of(), 1, "it");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void desiredStateFollowsCommitsExactlyAndSurvivesKillMinus9(String database) throws Exception {
    GitCli repo = GitCli.init(dir.resolve("repo"), "main");
    Fleet.write(repo, "1.0", "https://ingest.us.example.com", "a");
    repo.commit("fleet");
    List<String> args =
        new ArrayList<>(List.of("--source-interval", "1h", "--poll-interval", "30s"));
    if (database.equals("postgresql")) {
      args.addAll(List.of("--db", Postgres.freshSchemaUrl()));
    }
    HubProcess hub = new HubProcess(dir.resolve("hub"), HubProcess.freePort(), args).start();
    List<ProtocolAgent> agents = new ArrayList<>();
    List<Thread> loops = new ArrayList<>();
    List<Throwable> problems = new CopyOnWriteArrayList<>();
    try {
      String token;
      try (AdminClient admin = hub.client()) {
        admin.post(
            "/v1/admin/sources",
            new SourceRequest("fleet", repo.url(), "main", "fleet", null, SECRET),
            SourceView.class);
        await().until(() -> !HubFailoverIT.revisionOf(admin, "telemetry").isEmpty());
        token =
            admin
                .post(
                    "/v1/admin/tokens",
                    new CreateToken(Map.of(), null, "1h", "it"),
                    CreatedToken.class)
                .token();
      }
      ProtocolAgent eu = enroll(hub, token, "eu-1", Labels.of("tier", "edge", "region", "eu-west"));
      ProtocolAgent us = enroll(hub, token, "us-1", Labels.of("tier", "edge", "region", "us-east"));
      ProtocolAgent lab = enroll(hub, token, "lab-1", Labels.of("tier", "lab"));
      agents.addAll(List.of(eu, us, lab));
      assertThat(eu.revisions()).containsOnlyKeys("telemetry", "eu-only");
      assertThat(us.revisions()).containsOnlyKeys("telemetry");
      assertThat(lab.revisions()).isEmpty();

      // an unchanged check-in is a 304
      for (ProtocolAgent a : agents) {
        assertThat(a.poll(Duration.ZERO)).as(a.name()).isInstanceOf(DesiredPoll.NotModified.class);
      }

      // a change to the us-east overlay only: us-1 gets a new document, nobody else
      String euTag = eu.etag().orElseThrow();
      String labTag = lab.etag().orElseThrow();
      Fleet.write(repo, "1.0", "https://ingest2.us.example.com", "a");
      String overlay = repo.commit("us-east overlay");
      assertThat(webhook(hub, repo.url())).isEqualTo(202);
      assertThat(us.poll(Duration.ofSeconds(60))).isInstanceOf(DesiredPoll.Changed.class);
      assertThat(us.revisions()).containsEntry("telemetry", overlay);
      assertThat(eu.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.NotModified.class);
      assertThat(lab.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.NotModified.class);
      assertThat(eu.etag()).contains(euTag);
      assertThat(lab.etag()).contains(labTag);

      // a commit to a bundle that targets eu-west reaches eu-1 only
      Fleet.write(repo, "1.0", "https://ingest2.us.example.com", "b");
      String euOnly = repo.commit("eu-only b");
      assertThat(webhook(hub, repo.url())).isEqualTo(202);
      assertThat(eu.poll(Duration.ofSeconds(60))).isInstanceOf(DesiredPoll.Changed.class);
      assertThat(eu.revisions())
          .containsEntry("eu-only", euOnly)
          .containsEntry("telemetry", eu.revisions().get("telemetry"));
      assertThat(us.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.NotModified.class);
      assertThat(lab.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.NotModified.class);

      // agents sync in the background; the hub is killed right after accepting a webhook
      for (ProtocolAgent a : agents) {
        loops.add(Thread.ofVirtual().start(() -> sync(a, problems)));
      }
      Fleet.write(repo, "2.0", "https://ingest2.us.example.com", "b");
      String release = repo.commit("collector 2.0 everywhere");
      assertThat(webhook(hub, repo.url())).isEqualTo(202);
      hub.kill();
      hub.start();

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(eu.revisions()).containsEntry("telemetry", release);
                assertThat(us.revisions()).containsEntry("telemetry", release);
              });
      try (AdminClient admin = hub.client()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> HubFailoverIT.readyAtBundle(admin, "telemetry", release) == 2);
        assertThat(admin.getList("/v1/admin/clusters", ClusterView.class))
            .extracting(ClusterView::name)
            .containsExactlyInAnyOrder("eu-1", "us-1", "lab-1");
        assertThat(admin.getList("/v1/admin/tokens", TokenView.class)).hasSize(1);
        assertThat(admin.get("/v1/admin/sources/fleet", SourceView.class).webhook()).isTrue();
        assertThat(new String(admin.getRaw("/v1/admin/audit"), StandardCharsets.UTF_8))
            .contains("source.add", "token.create");
      }
      // eu-only did not change in the release: eu-1 keeps the revision it first appeared in
      assertThat(eu.revisions()).containsEntry("eu-only", euOnly);
      assertThat(lab.revisions()).isEmpty();
      assertThat(problems).isEmpty();
    } catch (Throwable t) {
      System.out.println("--- hub log ---\n" + hub.logTail());
      throw t;
    } finally {
      loops.forEach(Thread::interrupt);
      agents.forEach(ProtocolAgent::close);
      hub.close();
    }
  }

  static ProtocolAgent enroll(HubProcess hub, String token, String name, Labels labels) {
    ProtocolAgent a = ProtocolAgent.enroll(hub.url(), token, name, labels, FACTS);
    assertThat(a.poll(Duration.ZERO)).isInstanceOf(DesiredPoll.Changed.class);
    return a;
  }

  /** Long-polls and reports ready until interrupted; rides out the hub being down. */
  static void sync(ProtocolAgent a, List<Throwable> problems) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        a.poll(Duration.ofSeconds(5));
        a.reportReady();
      } catch (HubException e) {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      } catch (RuntimeException e) {
        problems.add(e);
        return;
      }
    }
  }

  static int webhook(HubProcess hub, String repoUrl) throws Exception {
    byte[] body =
        ("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + repoUrl + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder sig = new StringBuilder("sha256=");
    for (byte b : mac.doFinal(body)) {
      sig.append(String.format("%02x", b));
    }
    AdminConf conf = AdminConf.read(hub.adminConf());
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.trusting(Pem.certificate(conf.caCertificate())))
            .build()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(hub.url() + "/v1/hooks/git"))
                  .header("X-GitHub-Event", "push")
                  .header("X-Hub-Signature-256", sig.toString())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    }
  }

  /** The fleet: telemetry (overlay per region) for tier=edge, eu-only for region=eu-west. */
  static final class Fleet {
    static void write(GitCli repo, String collector, String usEndpoint, String euOnly)
        throws Exception {
      repo.write(
          "fleet/telemetry/bundle.yaml",
          "namespace: telemetry\nrender: {kustomize: base}\noverlays:\n  - overlays/${region}\n"
              + "targets:\n  - selector: {matchLabels: {tier: edge}}\n");
      repo.write("fleet/telemetry/base/kustomization.yaml", "resources: [app.yaml]\n");
      repo.write(
          "fleet/telemetry/base/app.yaml",
          "apiVersion: v1\nkind: Namespace\nmetadata: {name: telemetry}\n---\n"
              + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: collector}\n"
              + "data: {version: \""
              + collector
              + "\", endpoint: https://ingest.example.com}\n");
      overlay(repo, "eu-west", "https://ingest.eu.example.com");
      overlay(repo, "us-east", usEndpoint);
      repo.write(
          "fleet/eu-only/bundle.yaml",
          "namespace: eu-only\ntargets:\n  - selector: {matchLabels: {region: eu-west}}\n");
      repo.write(
          "fleet/eu-only/app.yaml",
          "apiVersion: v1\nkind: Namespace\nmetadata: {name: eu-only}\n---\n"
              + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: eu}\ndata: {v: \""
              + euOnly
              + "\"}\n");
    }

    static void overlay(GitCli repo, String region, String endpoint) throws Exception {
      repo.write(
          "fleet/telemetry/overlays/" + region + "/kustomization.yaml",
          "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n"
              + "  - target: {kind: ConfigMap, name: collector}\n"
              + "    patch: |-\n      - op: replace\n        path: /data/endpoint\n        value: "
              + endpoint
              + "\n");
    }
  }
}
