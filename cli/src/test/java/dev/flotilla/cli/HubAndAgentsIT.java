package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine end to end with real processes: one hub, two agents (each managing an in-memory cluster
 * whose objects it writes to a file), a Git repository that changes under them.
 */
class HubAndAgentsIT {
  @TempDir Path dir;
  private final List<FlotillaProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (FlotillaProcess p : processes) {
      p.close();
    }
  }

  @Test
  void agentsConvergeFollowChangesAndPruneRemovedBundles() throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    writeBundle(repo, "web", "hello");
    writeBundle(repo, "extra", "more");
    repo.commit("two bundles");

    FlotillaProcess hub =
        start(
            "hub",
            "hub",
            "--data-dir",
            dir.resolve("hub").toString(),
            "--listen",
            "127.0.0.1:0",
            "--source",
            repo.url(),
            "--branch",
            "main",
            "--path",
            "bundles",
            "--source-interval",
            "1s",
            "--poll-interval",
            "2s");
    Path adminConf = dir.resolve("hub").resolve("admin.conf");
    await("the hub writes admin.conf")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(adminConf));
    String hubUrl = AdminConf.read(adminConf).hub();

    FlotillaProcess.Result created =
        FlotillaProcess.run(
            dir, "token", "create", "--config", adminConf.toString(), "--labels", "tier=edge");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    String token = created.stdout().strip();
    assertThat(token).matches("FLT1\\.[a-z0-9]{6}\\.[a-z0-9]{16}\\.[0-9a-f]{64}");

    for (String name : List.of("edge-1", "edge-2")) {
      start(
          name,
          "agent",
          "--hub",
          hubUrl,
          "--token",
          token,
          "--data-dir",
          dir.resolve(name).toString(),
          "--name",
          name,
          "--long-poll",
          "5s",
          "--in-memory-cluster",
          snapshot(name).toString());
    }

    awaitBoth("both clusters run the first commit", "web", "hello", hub);
    awaitBoth("both clusters run the first commit", "extra", "more", hub);

    writeBundle(repo, "web", "bonjour");
    repo.commit("change web");
    awaitBoth("the change arrives", "web", "bonjour", hub);

    repo.delete("bundles/extra");
    repo.commit("remove extra");
    for (String name : List.of("edge-1", "edge-2")) {
      await(name + " prunes the removed bundle")
          .atMost(Duration.ofSeconds(60))
          .until(() -> configMap(name, "extra").isEmpty());
    }
    assertThat(configMap("edge-1", "web")).contains("bonjour");

    FlotillaProcess.Result list =
        FlotillaProcess.run(dir, "cluster", "list", "--config", adminConf.toString());
    assertThat(list.stdout()).contains("edge-1").contains("edge-2").contains("Synced");
  }

  @Test
  void aMalformedBundleYamlIsNamedAndTheLastGoodRevisionKeepsBeingServed() throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    writeBundle(repo, "web", "hello");
    repo.commit("good");
    FlotillaProcess hub =
        start(
            "hub",
            "hub",
            "--data-dir",
            dir.resolve("hub").toString(),
            "--listen",
            "127.0.0.1:0",
            "--source",
            repo.url(),
            "--path",
            "bundles",
            "--source-interval",
            "1s");
    Path adminConf = dir.resolve("hub").resolve("admin.conf");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(adminConf));
    String token =
        FlotillaProcess.run(
                dir, "token", "create", "--config", adminConf.toString(), "--labels", "tier=edge")
            .stdout()
            .strip();
    start(
        "edge-1",
        "agent",
        "--hub",
        AdminConf.read(adminConf).hub(),
        "--token",
        token,
        "--data-dir",
        dir.resolve("edge-1").toString(),
        "--name",
        "edge-1",
        "--long-poll",
        "5s",
        "--in-memory-cluster",
        snapshot("edge-1").toString());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> configMap("edge-1", "web").equals(Optional.of("hello")));

    repo.write(
        "bundles/web/bundle.yaml",
        "targets:\n  - selector: {matchLabels: {tier: edge}}\nrollout:\n  stages: [fast]\n");
    repo.write("bundles/web/cm.yaml", configMapYaml("web", "broken-revision"));
    repo.commit("a typo in rollout.stages");

    await("the hub reports the bad file and field")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              String out =
                  FlotillaProcess.run(dir, "bundle", "list", "--config", adminConf.toString())
                      .stdout();
              return out.contains("bundles/web/bundle.yaml") && out.contains("rollout.stages[0]");
            });
    assertThat(configMap("edge-1", "web")).contains("hello");
    assertThat(hub.log())
        .contains("bundles/web/bundle.yaml")
        .contains("keeping its last good revision");
  }

  @Test
  void anAgentWhoseHubDoesNotAnswerRetriesWithBackoffAndSaysSo() throws Exception {
    FlotillaProcess agent =
        start(
            "lonely",
            "agent",
            "--hub",
            "https://127.0.0.1:1",
            "--token",
            "FLT1.abcdef.0123456789abcdef." + "0".repeat(64),
            "--data-dir",
            dir.resolve("lonely").toString(),
            "--name",
            "lonely",
            "--in-memory-cluster",
            snapshot("lonely").toString());
    await("the agent says it retries")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                agent.log().contains("did not answer")
                    && agent.log().contains("retrying enrollment in"));
    await().atMost(Duration.ofSeconds(30)).until(() -> agent.log().contains("(attempt 3)"));
    assertThat(agent.alive()).isTrue();
  }

  @Test
  void unknownFlagsAreUsageErrors() throws Exception {
    FlotillaProcess.Result r = FlotillaProcess.run(dir, "hub", "--data-dir", "x", "--no-such-flag");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("Unknown option: '--no-such-flag'");
  }

  private FlotillaProcess start(String logName, String... args) throws IOException {
    FlotillaProcess p = FlotillaProcess.start(dir.resolve("logs").resolve(logName + ".log"), args);
    processes.add(p);
    return p;
  }

  private void awaitBoth(String why, String bundle, String greeting, FlotillaProcess hub) {
    for (String name : List.of("edge-1", "edge-2")) {
      await(why + " on " + name)
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> configMap(name, bundle).equals(Optional.of(greeting)));
    }
  }

  private Path snapshot(String name) {
    return dir.resolve(name + "-objects.json");
  }

  /** The {@code greeting} of ConfigMap {@code <bundle>-config} in a cluster's snapshot. */
  private Optional<String> configMap(String cluster, String bundle) throws IOException {
    Path file = snapshot(cluster);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<Map<String, Object>> objects =
        Json.mapper()
            .readValue(Files.readAllBytes(file), new TypeReference<List<Map<String, Object>>>() {});
    for (Map<String, Object> o : objects) {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
      if ("ConfigMap".equals(o.get("kind")) && (bundle + "-config").equals(meta.get("name"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) o.get("data");
        return Optional.ofNullable((String) data.get("greeting"));
      }
    }
    return Optional.empty();
  }

  private static void writeBundle(GitRepo repo, String name, String greeting) throws IOException {
    repo.write(
        "bundles/" + name + "/bundle.yaml",
        "namespace: apps\ntargets:\n  - selector: {matchLabels: {tier: edge}}\n");
    repo.write(
        "bundles/" + name + "/ns.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");
    repo.write("bundles/" + name + "/cm.yaml", configMapYaml(name, greeting));
  }

  private static String configMapYaml(String name, String greeting) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "-config\ndata:\n  greeting: "
        + greeting
        + "\n";
  }
}
