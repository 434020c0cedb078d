package dev.flotilla.hub.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.SourceAuth;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching over SSH with a deploy key made by {@code ssh-keygen} (OpenSSH form), through JGit's
 * Apache MINA sshd transport, against a real SSH server on a loopback port.
 */
class GitSshSourceIT {
  @TempDir Path dir;
  GitRepo repo;
  String commit;
  String privateKey;
  PublicKey publicKey;
  KeyPair hostKey;
  SshGitServer server;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    repo.write("fleet/web/bundle.yaml", "targets: []\n");
    commit = repo.commit("first");
    Path key = dir.resolve("id_ed25519");
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("ssh-keygen: %s", out).isZero();
    privateKey = Files.readString(key);
    publicKey = parse(Files.readString(dir.resolve("id_ed25519.pub")));
    hostKey = ecKeyPair();
    server = new SshGitServer(repo.dir().resolve(".git"), publicKey, hostKey);
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
    repo.close();
  }

  GitSource source(String url, SourceAuth auth) {
    Path sources = dir.resolve("sources");
    return new GitSource(
        new SourceSpec("fleet", url, "main", "fleet"),
        sources,
        GitCredentials.of(auth, sources.resolve("fleet")));
  }

  @Test
  void fetchesWithAnOpenSshKeyFromAServerWithAKnownHostKey() {
    String knownHosts =
        "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
    try (GitSource s = source(server.url(), SourceAuth.sshKey(privateKey, knownHosts))) {
      assertThat(s.fetch())
          .isInstanceOfSatisfying(
              FetchResult.Fetched.class, f -> assertThat(f.revision().id()).isEqualTo(commit));
    }
  }

  @Test
  void refusesAServerWhoseHostKeyIsNotKnown() throws Exception {
    String other = PublicKeyEntry.toString(ecKeyPair().getPublic());
    try (GitSource s = source(server.url(), SourceAuth.sshKey(privateKey, other))) {
      assertThat(s.fetch())
          .isInstanceOfSatisfying(
              FetchResult.Failed.class,
              f ->
                  assertThat(f.reason())
                      .contains("is not in the source's known hosts")
                      .doesNotContain(privateKey.substring(40, 80)));
    }
  }

  @Test
  void trustsTheFirstHostKeySeenAndRefusesAnotherLater() throws Exception {
    try (GitSource s = source(server.url(), SourceAuth.sshKey(privateKey, ""))) {
      assertThat(s.fetch()).isInstanceOf(FetchResult.Fetched.class);
    }
    assertThat(dir.resolve("sources/fleet/trusted_host_key")).exists();
    server.close();
    server = new SshGitServer(repo.dir().resolve(".git"), publicKey, ecKeyPair());
    try (GitSource s = source(server.url(), SourceAuth.sshKey(privateKey, ""))) {
      assertThat(s.fetch())
          .isInstanceOfSatisfying(
              FetchResult.Failed.class,
              f ->
                  assertThat(f.reason()).contains("differs from the key trusted at first contact"));
    }
  }

  @Test
  void aKeyTheServerDoesNotAcceptIsAFetchFailureThatDoesNotShowTheKey() throws Exception {
    Path key = dir.resolve("other_key");
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor()).isZero();
    String wrong = Files.readString(key);
    try (GitSource s =
        source(
            server.url(), SourceAuth.sshKey(wrong, PublicKeyEntry.toString(hostKey.getPublic())))) {
      assertThat(s.fetch())
          .isInstanceOfSatisfying(
              FetchResult.Failed.class,
              f ->
                  assertThat(f.reason())
                      .contains("fetching ssh://git@127.0.0.1:")
                      .doesNotContain(wrong.substring(40, 80)));
    }
  }

  static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static PublicKey parse(String line) throws Exception {
    return PublicKeyEntry.parsePublicKeyEntry(line.strip())
        .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
  }
}
