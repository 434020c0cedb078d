package dev.flotilla.hub.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.hub.store.SourceAuth;
import dev.flotilla.protocol.pki.TlsContexts;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.git.GitRepo;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching over HTTPS with a token from a smart-HTTP Git server that demands it. The server's CA is
 * made the JVM's default trust for the test, as an operator adds a private Git server's CA to the
 * hub's trust store.
 */
class GitHttpsSourceIT {
  static final String TOKEN = "glpat-0123456789abcdefXYZ";

  @TempDir Path dir;
  GitRepo repo;
  String commit;
  HttpsGitServer server;
  SSLSocketFactory previous;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    repo.write("fleet/web/bundle.yaml", "targets: []\n");
    commit = repo.commit("first");
    HubPki pki =
        HubPki.loadOrCreate(
            dir.resolve("git-pki"),
            List.of("127.0.0.1", "localhost"),
            ManualClock.startingAt("2026-01-01T00:00:00Z"));
    server =
        new HttpsGitServer(
            repo.dir().resolve(".git"),
            "ci",
            TOKEN,
            pki.ca(),
            pki.serverCertificate(),
            pki.serverKey());
    previous = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(
        TlsContexts.trusting(pki.ca()).getSocketFactory());
  }

  @AfterEach
  void tearDown() throws Exception {
    HttpsURLConnection.setDefaultSSLSocketFactory(previous);
    server.close();
    repo.close();
  }

  GitSource source(SourceAuth auth) {
    Path sources = dir.resolve("sources");
    return new GitSource(
        new SourceSpec("fleet", server.url(), "main", "fleet"),
        sources,
        GitCredentials.of(auth, sources.resolve("fleet")));
  }

  @Test
  void fetchesWithTheToken() {
    try (GitSource s = source(SourceAuth.token("ci", TOKEN))) {
      assertThat(s.fetch())
          .isInstanceOfSatisfying(
              FetchResult.Fetched.class, f -> assertThat(f.revision().id()).isEqualTo(commit));
    }
  }

  @Test
  void withoutTheRightTokenTheFetchFailsAndTheTokenIsNotInTheReason() {
    try (GitSource s = source(SourceAuth.token("ci", TOKEN + "-wrong"))) {
      assertThat(s.fetch())
          .isInstanceOfSatisfying(
              FetchResult.Failed.class,
              f ->
                  assertThat(f.reason())
                      .contains("fetching " + server.url())
                      .doesNotContain(TOKEN));
    }
    try (GitSource s = source(SourceAuth.NONE)) {
      assertThat(s.fetch()).isInstanceOf(FetchResult.Failed.class);
    }
  }
}
