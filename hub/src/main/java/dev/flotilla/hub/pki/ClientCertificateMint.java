package dev.flotilla.hub.pki;

import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

/**
 * Issues cluster client certificates offline, from the CA files of a hub's data directory, without
 * touching the server certificate or any other key (the fleet simulator's bulk minting). The
 * certificates have the same shape as those of enrollment ({@link HubPki#issueClient}): CN = the
 * cluster id, clientAuth, signed by the hub CA.
 */
public final class ClientCertificateMint {
  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final String signingPublicKey;
  private final CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
  private final Clock clock;

  private ClientCertificateMint(
      X509Certificate ca, PrivateKey caKey, String signingPublicKey, Clock clock) {
    this.ca = ca;
    this.caKey = caKey;
    this.signingPublicKey = signingPublicKey;
    this.clock = clock;
  }

  /** Reads {@code ca.crt}, {@code ca.key} and {@code signing.pub} from a hub's {@code pki} dir. */
  public static ClientCertificateMint load(Path pkiDir, Clock clock) {
    KeyFiles files = new KeyFiles(pkiDir);
    for (String name : new String[] {"ca.crt", "ca.key", "signing.pub"}) {
      if (!files.exists(name)) {
        throw new IllegalArgumentException(
            "no "
                + name
                + " in "
                + pkiDir
                + ": this is not a hub's data directory, or the hub never started; run"
                + " `flotilla hub --data-dir DIR` once first");
      }
    }
    try {
      return new ClientCertificateMint(
          Pem.certificate(files.read("ca.crt")),
          Pem.privateKey(files.read("ca.key")),
          files.read("signing.pub").strip(),
          clock);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the hub's CA in " + pkiDir + ": " + e.getMessage(), e);
    }
  }

  /** A client certificate for {@code cluster}'s {@code key}, valid for {@code ttl} from now. */
  public X509Certificate issue(PublicKey key, ClusterId cluster, Duration ttl) {
    return issuer.client(ca, caKey, key, cluster.value(), clock.instant(), ttl);
  }

  public X509Certificate ca() {
    return ca;
  }

  /** The hub's document signing key, as written in {@code signing.pub}. */
  public String signingPublicKey() {
    return signingPublicKey;
  }
}
