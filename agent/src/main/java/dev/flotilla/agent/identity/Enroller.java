package dev.flotilla.agent.identity;

import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RegisterResponse;
import dev.flotilla.protocol.RenewRequest;
import dev.flotilla.protocol.RenewResponse;
import dev.flotilla.protocol.pki.BootstrapToken;
import dev.flotilla.protocol.pki.CaPin;
import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.RecoveryProof;
import dev.flotilla.protocol.pki.TlsContexts;
import dev.flotilla.protocol.seal.SealingKeys;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Enrolls with a bootstrap token (trusting only the pinned CA) and renews certificates. */
public final class Enroller {
  private Enroller() {}

  /**
   * Registers {@code keys} with the hub at {@code hubUrl} over a connection that trusts only the CA
   * pinned in {@code token}, and returns the new identity. Retrying with the same keys after a lost
   * answer is safe: the hub recognises the key and answers again.
   */
  public static Identity enroll(
      String hubUrl,
      BootstrapToken token,
      String name,
      Labels labels,
      Facts facts,
      DeviceKeys device) {
    KeyPair keys = device.tls();
    String csr = Csrs.create(keys, name);
    try (HubClient client =
        new HubClient(hubUrl, TlsContexts.pinned(token.caPin()), Duration.ofSeconds(30))) {
      RegisterResponse r =
          client.register(
              new RegisterRequest(
                  token.credential(),
                  name,
                  csr,
                  labels.map(),
                  facts,
                  SealingKeys.encodePublic(device.encryption().getPublic())));
      X509Certificate ca = Pem.certificate(r.caCertificate());
      if (!token.caPin().equals(CaPin.of(ca))) {
        throw new IllegalStateException(
            "the hub returned a CA that does not match the token's pin " + token.caPin());
      }
      return new Identity(
          r.clusterId(),
          r.name(),
          hubUrl,
          Pem.encode(keys.getPrivate()),
          r.certificate(),
          r.caCertificate(),
          r.signingKey(),
          SealingKeys.encodePrivate(device.encryption().getPrivate()),
          r.sealingKey());
    }
  }

  /**
   * A new key pair and certificate for a cluster whose certificate expired while it was offline:
   * the expired certificate's key signs a proof bound to the new CSR and the time, sent over a
   * connection that trusts only the hub CA and presents no client certificate.
   */
  public static Identity recover(Identity expired, Instant now) {
    KeyPair keys = Keys.generateEc();
    String csr = Csrs.create(keys, expired.clusterId());
    X509Certificate old = Pem.certificate(expired.certificate());
    String proof = RecoveryProof.sign(Pem.privateKey(expired.privateKey()), old, csr, now);
    try (HubClient client =
        new HubClient(
            expired.hubUrl(),
            TlsContexts.trusting(Pem.certificate(expired.caCertificate())),
            Duration.ofSeconds(30))) {
      RenewResponse r =
          client.recover(new RecoverRequest(expired.certificate(), csr, now.toString(), proof));
      return expired.withCertificate(
          Pem.encode(keys.getPrivate()), r.certificate(), r.caCertificate());
    }
  }

  /** A new key pair and certificate for the same cluster, over the current mTLS identity. */
  public static Identity renew(Identity current, HubClient client) {
    KeyPair keys = Keys.generateEc();
    RenewResponse r = client.renew(new RenewRequest(Csrs.create(keys, current.clusterId())));
    return current.withCertificate(
        Pem.encode(keys.getPrivate()), r.certificate(), r.caCertificate());
  }
}
