package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.render.KustomizeBundleRenderer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flotilla token create} prints one token alone, bootstrap or admin with a role. */
class TokenCommandIT {
  @TempDir Path dir;
  Hub hub;

  @BeforeEach
  void start() throws Exception {
    hub =
        Hub.start(
            HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0)),
            KustomizeBundleRenderer.withDefaults(),
            RolloutGate.ALL_AT_ONCE,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tokenCreateWithoutFlagsPrintsABootstrapTokenAlone() {
    String out = run("token", "create", "--config", hub.adminConf().toString());

    assertThat(out).matches("FLT1\\.[a-z0-9]{6}\\.[a-z0-9]{16}\\.[0-9a-f]{64}\\n");
  }

  @Test
  void anAdminTokenWithTheViewerRoleCanReadButNotRevoke() throws Exception {
    String out =
        run(
            "token",
            "create",
            "--admin",
            "--role",
            "viewer",
            "--config",
            hub.adminConf().toString());
    assertThat(out).matches("flta\\.[a-z0-9]{6}\\.[a-z0-9]{32}\\n");
    AdminConf mine =
        new AdminConf(hub.url(), AdminConf.read(hub.adminConf()).caCertificate(), out.strip());
    Path conf = dir.resolve("viewer.conf");
    mine.write(conf);

    assertThat(run("cluster", "list", "--config", conf.toString())).contains("NAME");
    assertThat(Main.run("token", "create", "--config", conf.toString())).isNotZero();
    assertThat(run("token", "list", "--admin", "--config", hub.adminConf().toString()))
        .contains("viewer");
  }
}
