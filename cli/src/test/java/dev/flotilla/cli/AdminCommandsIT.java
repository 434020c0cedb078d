package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.admin.AdminViews.SourceView;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.fleet.ProtocolAgent;
import dev.flotilla.testkit.git.GitRepo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla source add|list|get|remove} and {@code flotilla cluster label} as an operator
 * runs them, against a hub process: secrets are read from files and never printed back.
 */
class AdminCommandsIT {
  static final String TOKEN = "glpat-never-printed-0123456789";
  static final String HOOK = "hook-secret-never-printed-0123";

  @TempDir Path dir;
  HubProcess hub;
  GitRepo repo;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  PrintStream oldOut;
  PrintStream oldErr;

  @BeforeEach
  void start() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    repo.write(
        "fleet/web/bundle.yaml",
        "namespace: web\ntargets:\n  - selector: {matchLabels: {canary: \"true\"}}\n");
    repo.write(
        "fleet/web/app.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: b}\n");
    repo.commit("web");
    hub =
        new HubProcess(
                dir.resolve("hub"), HubProcess.freePort(), List.of("--source-interval", "1h"))
            .start();
    oldOut = System.out;
    oldErr = System.err;
  }

  @AfterEach
  void stop() throws Exception {
    System.setOut(oldOut);
    System.setErr(oldErr);
    hub.close();
    repo.close();
  }

  /** Runs a command line with this hub's admin.conf; returns its exit code, output captured. */
  int flotilla(String... args) {
    out.reset();
    err.reset();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 2];
      System.arraycopy(args, 0, all, 0, args.length);
      all[args.length] = "--config";
      all[args.length + 1] = hub.adminConf().toString();
      return Main.run(all);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sourcesAreManagedFromTheCommandLineWithoutEverPrintingASecret() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path hook = Files.writeString(dir.resolve("hook"), HOOK + "\n");
    assertThat(
            flotilla(
                "source",
                "add",
                "private",
                "--url",
                "https://git.invalid/ops/fleet.git",
                "--token-file",
                token.toString(),
                "--username",
                "ci",
                "--webhook-secret-file",
                hook.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out())
        .contains("source private saved", "auth token", "webhook")
        .doesNotContain(TOKEN, HOOK);

    assertThat(flotilla("source", "add", "fleet", "--url", repo.url(), "--path", "fleet")).isZero();
    try (AdminClient admin = hub.client()) {
      await()
          .until(
              () -> !admin.get("/v1/admin/sources/fleet", SourceView.class).revision().isEmpty());
      await()
          .until(() -> !admin.get("/v1/admin/sources/private", SourceView.class).error().isEmpty());
    }

    assertThat(flotilla("source", "list")).isZero();
    assertThat(out().lines().toList())
        .anySatisfy(l -> assertThat(l).startsWith("fleet").contains("main", "Ready"))
        .anySatisfy(l -> assertThat(l).startsWith("private").contains("Failing"));
    assertThat(flotilla("source", "list", "-o", "wide")).isZero();
    assertThat(out()).contains("token", "yes").doesNotContain(TOKEN, HOOK);
    assertThat(flotilla("source", "list", "-o", "json")).isZero();
    assertThat(out())
        .contains("\"auth\" : \"token\"", "\"webhook\" : true")
        .doesNotContain(TOKEN, HOOK);
    assertThat(flotilla("source", "get", "private", "-o", "yaml")).isZero();
    assertThat(out()).contains("auth: token").doesNotContain(TOKEN, HOOK);
    assertThat(flotilla("source", "get", "private")).isZero();
    assertThat(out()).contains("Error:", "git.invalid").doesNotContain(TOKEN);

    assertThat(
            flotilla(
                "source",
                "add",
                "x",
                "--url",
                "http://insecure/x.git",
                "--token-file",
                token.toString()))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("only sent over https://")
        .doesNotContain(TOKEN);
    assertThat(
            flotilla(
                "source",
                "add",
                "x",
                "--url",
                repo.url(),
                "--token-file",
                token.toString(),
                "--ssh-key",
                token.toString()))
        .isEqualTo(2);

    assertThat(flotilla("source", "remove", "private")).isZero();
    assertThat(flotilla("source", "get", "private")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no source named 'private'");
    assertThat(Files.readString(dir.resolve("hub.log"))).doesNotContain(TOKEN, HOOK);
  }

  @Test
  void labellingAClusterFromTheCommandLineChangesWhatItGets() throws Exception {
    assertThat(flotilla("source", "add", "fleet", "--url", repo.url(), "--path", "fleet")).isZero();
    String token;
    try (AdminClient admin = hub.client()) {
      await()
          .until(
              () -> !admin.get("/v1/admin/sources/fleet", SourceView.class).revision().isEmpty());
      token =
          admin
              .post("/v1/admin/tokens", new CreateToken(Map.of(), 1, "1h", ""), CreatedToken.class)
              .token();
    }
    try (ProtocolAgent a =
        ProtocolAgent.enroll(
            hub.url(),
            token,
            "edge-1",
            Labels.of("tier", "edge"),
            new Facts("arm64", 2048, "v1.30.0", "k3s", List.of(), 1, "it"))) {
      a.poll(Duration.ZERO);
      assertThat(a.revisions()).isEmpty();
      assertThat(flotilla("cluster", "label", "edge-1", "canary=true", "tier-")).isZero();
      assertThat(out()).contains("cluster edge-1 labeled: canary=true");
      await()
          .untilAsserted(
              () -> {
                a.poll(Duration.ZERO);
                assertThat(a.revisions()).containsKey("web");
              });
      try (AdminClient admin = hub.client()) {
        assertThat(admin.getList("/v1/admin/clusters?selector=canary%3Dtrue", ClusterView.class))
            .extracting(ClusterView::name)
            .containsExactly("edge-1");
      }
      assertThat(flotilla("cluster", "list", "-l", "canary=true")).isZero();
      assertThat(out()).contains("edge-1");
    }
  }

  @Test
  void clusterListShowsAFleetOfManyPagesOnceInNameOrderOrOnePageWithItsToken() throws Exception {
    int n = 1_203; // more than two of the hub's default pages of 500
    List<ClusterRecord> clusters = new java.util.ArrayList<>();
    java.time.Instant now = java.time.Instant.now();
    for (int i = 0; i < n; i++) {
      clusters.add(
          new ClusterRecord(
              ClusterId.random(),
              String.format("sim-%04d", n - 1 - i),
              Labels.of("region", i % 3 == 0 ? "eu" : "us"),
              Facts.UNKNOWN,
              now,
              now,
              false,
              "1",
              now.plusSeconds(3600),
              "",
              0,
              0));
    }
    // straight into the running hub's database, as `flotilla sim mint` does
    try (HubStore store =
        JdbcHubStore.open(
            "jdbc:sqlite:" + dir.resolve("hub").resolve("flotilla.db"),
            java.time.Clock.systemUTC())) {
      store.clusters().insertAll(clusters);
    }

    assertThat(flotilla("cluster", "list")).isZero();
    List<String> names = firstColumn(out());
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(String.format("sim-%04d", i));
    }
    assertThat(names).containsExactlyElementsOf(expected);
    assertThat(err()).doesNotContain("continue");

    assertThat(flotilla("cluster", "list", "-o", "json")).isZero();
    assertThat(Json.read(out().getBytes(StandardCharsets.UTF_8), ClusterView[].class, "list"))
        .extracting(ClusterView::name)
        .containsExactlyElementsOf(expected);

    assertThat(flotilla("cluster", "list", "-l", "region=eu", "--limit", "300")).isZero();
    List<String> page1 = firstColumn(out());
    assertThat(page1).hasSize(300);
    assertThat(err()).startsWith("continue: ");
    String token = err().substring("continue: ".length()).trim();
    assertThat(
            flotilla("cluster", "list", "-l", "region=eu", "--limit", "300", "--continue", token))
        .isZero();
    List<String> page2 = firstColumn(out());
    assertThat(err()).doesNotContain("continue");
    List<String> eu = new java.util.ArrayList<>(page1);
    eu.addAll(page2);
    assertThat(eu)
        .hasSize(401)
        .isSorted()
        .doesNotHaveDuplicates()
        .allMatch(name -> (n - 1 - Integer.parseInt(name.substring(4))) % 3 == 0);

    assertThat(flotilla("cluster", "list", "--limit", "0")).isEqualTo(2);
    assertThat(flotilla("cluster", "list", "--continue", "forged")).isEqualTo(1);
    assertThat(err()).contains("continue");
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The first column of a table's rows, without its header. */
  static List<String> firstColumn(String table) {
    return table.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\\s+")[0]).toList();
  }
}
