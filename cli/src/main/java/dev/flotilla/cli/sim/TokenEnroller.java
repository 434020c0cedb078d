package dev.flotilla.cli.sim;

import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RegisterResponse;
import dev.flotilla.protocol.pki.BootstrapToken;
import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Enrolls simulated clusters through the hub's real register endpoint with a bootstrap token (for
 * small runs: each registration is a full enrollment, and the hub answers it once the cluster's
 * first document is ready). Uses the agent's own {@link HubClient}, trusting the hub by the CA pin
 * in the token, and writes the identities as {@code sim mint} does.
 */
final class TokenEnroller {
  static final int AT_ONCE = 8;

  private TokenEnroller() {}

  static void enroll(
      URI hub, String token, int count, LabelDistribution labels, Path out, PrintStream progress)
      throws IOException, InterruptedException {
    BootstrapToken parsed = BootstrapToken.parse(token);
    Files.createDirectories(out);
    List<Future<Enrolled>> pending = new ArrayList<>();
    try (HubClient client =
            new HubClient(
                hub.toString(), TlsContexts.pinned(parsed.caPin()), Duration.ofSeconds(30));
        ExecutorService workers =
            Executors.newFixedThreadPool(AT_ONCE, Thread.ofVirtual().factory())) {
      for (int i = 0; i < count; i++) {
        long index = i;
        pending.add(workers.submit(() -> enrollOne(client, parsed, labels, index)));
      }
      try (IdentityFile file = IdentityFile.create(out.resolve(IdentityFile.FILE_NAME))) {
        for (Future<Enrolled> f : pending) {
          Enrolled e;
          try {
            e = f.get();
          } catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException(
                "enrolling a simulated cluster failed: " + ex.getCause().getMessage(),
                ex.getCause());
          }
          file.append(e.identity());
          if (file.written() == 1) {
            Files.writeString(out.resolve("ca.crt"), e.response().caCertificate());
            Files.writeString(out.resolve("signing.pub"), e.response().signingKey() + "\n");
          }
        }
        progress.printf("enrolled %,d clusters with the token into %s%n", file.written(), out);
      }
    }
  }

  private static Enrolled enrollOne(
      HubClient client, BootstrapToken token, LabelDistribution labels, long index)
      throws CertificateEncodingException {
    Labels l = labels.labelsOf(index);
    String name = labels.nameOf(index, l);
    KeyPair keys = Keys.generateEc();
    boolean pi = l.get("model").orElse("").startsWith("rpi");
    RegisterResponse r =
        client.register(
            new RegisterRequest(
                token.credential(),
                name,
                Csrs.create(keys, name),
                l.map(),
                new Facts(
                    pi ? "arm64" : "amd64",
                    pi ? 3_800 : 15_800,
                    "v1.30.4+k3s1",
                    "k3s",
                    List.of(),
                    1,
                    "sim"),
                null));
    byte[] cert = Pem.certificate(r.certificate()).getEncoded();
    return new Enrolled(
        new Identity(r.clusterId(), r.name(), l, cert, keys.getPrivate().getEncoded()), r);
  }

  private record Enrolled(Identity identity, RegisterResponse response) {}
}
