package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.hub.admin.AdminViews.BundleDetail;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.admin.AdminViews.SourceRequest;
import dev.flotilla.hub.admin.AdminViews.SourceView;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.Postgres;
import dev.flotilla.testkit.git.GitRepo;
import dev.flotilla.testkit.net.RoundRobinProxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub processes with separate data directories on one PostgreSQL, agents syncing through a
 * round-robin TCP balancer in front of both. The leader is killed with SIGKILL; the other replica
 * takes the lease (measured and printed), agents keep checking in, and a new commit announced by a
 * webhook to the survivor still reaches every cluster.
 */
class HubFailoverIT {
  static final String SECRET = "failover-webhook-secret-0123";
  static final int CLUSTERS = 4;

  @TempDir Path dir;

  @Test
  void theOtherReplicaTakesOverWhenTheLeaderIsKilledAndAgentsKeepSyncing() throws Exception {
    String db = Postgres.freshSchemaUrl();
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    web(repo, "1");
    String first = repo.commit("web 1");
    List<String> common =
        List.of(
            "--db",
            db,
            "--source-interval",
            "1h",
            "--poll-interval",
            "5s",
            "--offline-after",
            "30s");
    HubProcess a = new HubProcess(dir.resolve("hub-a"), HubProcess.freePort(), common).start();
    HubProcess b = new HubProcess(dir.resolve("hub-b"), HubProcess.freePort(), common).start();
    List<EdgeAgent> agents = new ArrayList<>();
    try (RoundRobinProxy balancer =
        new RoundRobinProxy(
            List.of(
                new InetSocketAddress("127.0.0.1", a.port()),
                new InetSocketAddress("127.0.0.1", b.port())))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> a.leader() ^ b.leader());
      HubProcess leader = a.leader() ? a : b;
      HubProcess follower = leader == a ? b : a;

      // configured on the follower: the leader hears of it over LISTEN/NOTIFY and fetches
      try (AdminClient admin = follower.client()) {
        SourceView added =
            admin.post(
                "/v1/admin/sources",
                new SourceRequest("fleet", repo.url(), "main", "fleet", null, SECRET),
                SourceView.class);
        assertThat(added.webhook()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> revisionOf(admin, "web").equals(first));
      }
      String token;
      try (AdminClient admin = a.client()) {
        token =
            admin
                .post(
                    "/v1/admin/tokens",
                    new CreateToken(Map.of("tier", "edge"), null, "1h", "failover"),
                    CreatedToken.class)
                .token();
      }
      String via = "https://127.0.0.1:" + balancer.port();
      for (int i = 0; i < CLUSTERS; i++) {
        agents.add(new EdgeAgent("edge-" + i, Labels.EMPTY, via, token, dir.resolve("agent-" + i)));
      }
      try (AdminClient admin = follower.clientWith(a.adminConf())) {
        await().atMost(Duration.ofSeconds(60)).until(() -> readyAt(admin, first) == CLUSTERS);
      }

      Instant killedAt = Instant.now();
      leader.kill();
      long start = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(follower::leader);
      Duration takeover = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf(
          "HA failover: replica on port %d took the leader lease %.1f s after the leader (port %d)"
              + " was killed with SIGKILL%n",
          follower.port(), takeover.toMillis() / 1000.0, leader.port());
      assertThat(takeover).isLessThan(Duration.ofSeconds(30));

      // the admin.conf written by replica a works against the survivor, whichever it is
      try (AdminClient admin = follower.clientWith(a.adminConf())) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    admin.getList("/v1/admin/clusters", ClusterView.class).stream()
                            .filter(c -> c.lastSeen().isAfter(killedAt))
                            .count()
                        == CLUSTERS);

        web(repo, "2");
        String second = repo.commit("web 2");
        byte[] push =
            ("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + repo.url() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(webhook(follower, push)).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> readyAt(admin, second) == CLUSTERS);
        System.out.printf(
            "HA failover: after the takeover, commit %s reached all %d clusters%n",
            second.substring(0, 7), CLUSTERS);
      }
    } catch (Throwable t) {
      System.out.println(
          "--- hub a log ---\n" + a.logTail() + "\n--- hub b log ---\n" + b.logTail());
      throw t;
    } finally {
      agents.forEach(EdgeAgent::close);
      a.close();
      b.close();
      repo.close();
    }
  }

  static void web(GitRepo repo, String version) throws Exception {
    repo.write(
        "fleet/web/bundle.yaml",
        "namespace: web\ntargets:\n  - selector: {matchLabels: {tier: edge}}\n");
    repo.write(
        "fleet/web/config.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {version: \""
            + version
            + "\"}\n");
  }

  static String revisionOf(AdminClient admin, String bundle) {
    try {
      return admin.get("/v1/admin/bundles/" + bundle, BundleDetail.class).bundle().revision();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** How many clusters report the web bundle applied and ready at {@code revision}. */
  static long readyAt(AdminClient admin, String revision) {
    return readyAtBundle(admin, "web", revision);
  }

  /** How many clusters report {@code bundle} applied and ready at {@code revision}. */
  static long readyAtBundle(AdminClient admin, String bundle, String revision) {
    try {
      return admin.get("/v1/admin/bundles/" + bundle, BundleDetail.class).clusters().stream()
          .filter(c -> c.state().equals("READY") && c.revision().equals(revision))
          .map(ClusterBundle::cluster)
          .count();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** A GitHub-style signed push, sent with the JDK's HTTP client to one replica. */
  static int webhook(HubProcess hub, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    var conf = dev.flotilla.hub.admin.AdminConf.read(hub.adminConf());
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(
                dev.flotilla.protocol.pki.TlsContexts.trusting(
                    dev.flotilla.protocol.pki.Pem.certificate(conf.caCertificate())))
            .build()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(hub.url() + "/v1/hooks/git"))
                  .header("Content-Type", "application/json")
                  .header("X-GitHub-Event", "push")
                  .header("X-Hub-Signature-256", signature)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode();
    }
  }
}
