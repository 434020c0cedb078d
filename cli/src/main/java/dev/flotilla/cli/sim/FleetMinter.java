package dev.flotilla.cli.sim;

import dev.flotilla.hub.pki.ClientCertificateMint;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Mints a fleet of identities: for each cluster its own P-256 key pair, a client certificate from
 * the hub CA, and a row in the hub's cluster registry; written to {@code out} as {@link
 * IdentityFile} plus the hub's {@code ca.crt} and {@code signing.pub}. Keys and certificates are
 * made in parallel, rows inserted in batches.
 */
public final class FleetMinter {
  static final int CHUNK = 5_000;

  private final ClientCertificateMint mint;
  private final ClusterStore clusters;
  private final LabelDistribution labels;
  private final Duration certificateTtl;
  private final Clock clock;
  private final PrintStream progress;

  public FleetMinter(
      ClientCertificateMint mint,
      ClusterStore clusters,
      LabelDistribution labels,
      Duration certificateTtl,
      Clock clock,
      PrintStream progress) {
    this.mint = mint;
    this.clusters = clusters;
    this.labels = labels;
    this.certificateTtl = certificateTtl;
    this.clock = clock;
    this.progress = progress;
  }

  /** Mints clusters number {@code first} to {@code first + count - 1}; returns how many. */
  public long mint(long first, int count, Path out) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("ca.crt"), Pem.encode(mint.ca()));
    Files.writeString(out.resolve("signing.pub"), mint.signingPublicKey() + "\n");
    long started = System.nanoTime();
    try (IdentityFile file = IdentityFile.create(out.resolve(IdentityFile.FILE_NAME))) {
      for (int from = 0; from < count; from += CHUNK) {
        int size = Math.min(CHUNK, count - from);
        long base = first + from;
        Instant now = clock.instant();
        List<Minted> chunk =
            IntStream.range(0, size).parallel().mapToObj(i -> mintOne(base + i, now)).toList();
        clusters.insertAll(chunk.stream().map(Minted::record).toList());
        for (Minted m : chunk) {
          file.append(m.identity());
        }
        double secs = (System.nanoTime() - started) / 1e9;
        progress.printf(
            "minted %,d of %,d clusters (%.0f/s)%n",
            from + size, count, (from + size) / Math.max(secs, 1e-3));
      }
      return file.written();
    }
  }

  private Minted mintOne(long index, Instant now) {
    Labels l = labels.labelsOf(index);
    String name = labels.nameOf(index, l);
    ClusterId id = ClusterId.random();
    KeyPair keys = Keys.generateEc();
    X509Certificate cert = mint.issue(keys.getPublic(), id, certificateTtl);
    byte[] der;
    try {
      der = cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the certificate of " + name, e);
    }
    ClusterRecord record =
        new ClusterRecord(
            id,
            name,
            l,
            Facts.UNKNOWN,
            now,
            now,
            false,
            cert.getSerialNumber().toString(16),
            cert.getNotAfter().toInstant(),
            Digest.of(keys.getPublic().getEncoded()).hex(),
            0,
            0);
    return new Minted(
        record, new Identity(id.value(), name, l, der, keys.getPrivate().getEncoded()));
  }

  private record Minted(ClusterRecord record, Identity identity) {}
}
