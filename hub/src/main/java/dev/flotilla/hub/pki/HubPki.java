package dev.flotilla.hub.pki;

import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.pki.CaPin;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.seal.SealingKeys;
import dev.flotilla.protocol.sign.DocumentSigner;
import dev.flotilla.protocol.sign.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The hub's CA, server certificate, signing key and Secret sealing key, loaded from {@code dir} or
 * created there on first start. The server certificate is re-issued when it nears expiry or when
 * the requested subject alternative names change.
 */
public final class HubPki {
  static final Duration CA_TTL = Duration.ofDays(3650);
  static final Duration SERVER_TTL = Duration.ofDays(365);

  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final X509Certificate serverCert;
  private final PrivateKey serverKey;
  private final KeyPair signingKeys;
  private final KeyPair sealingKeys;
  private final CertificateIssuer issuer;
  private final Clock clock;

  private HubPki(
      X509Certificate ca,
      PrivateKey caKey,
      X509Certificate serverCert,
      PrivateKey serverKey,
      KeyPair signingKeys,
      KeyPair sealingKeys,
      CertificateIssuer issuer,
      Clock clock) {
    this.ca = ca;
    this.caKey = caKey;
    this.serverCert = serverCert;
    this.serverKey = serverKey;
    this.signingKeys = signingKeys;
    this.sealingKeys = sealingKeys;
    this.issuer = issuer;
    this.clock = clock;
  }

  public static HubPki loadOrCreate(Path dir, List<String> serverNames, Clock clock) {
    CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    KeyFiles files = new KeyFiles(dir);
    Instant now = clock.instant();
    try {
      Files.createDirectories(dir);
      X509Certificate ca;
      PrivateKey caKey;
      if (files.exists("ca.crt") && files.exists("ca.key")) {
        ca = Pem.certificate(files.read("ca.crt"));
        caKey = Pem.privateKey(files.read("ca.key"));
      } else {
        KeyPair keys = Keys.generateEc();
        ca = issuer.selfSignedCa(keys, "flotilla-ca", now, CA_TTL);
        caKey = keys.getPrivate();
        files.writeSecret("ca.key", Pem.encode(keys.getPrivate()));
        files.write("ca.crt", Pem.encode(ca));
      }
      X509Certificate server = null;
      PrivateKey serverKey = null;
      if (files.exists("server.crt") && files.exists("server.key")) {
        server = Pem.certificate(files.read("server.crt"));
        serverKey = Pem.privateKey(files.read("server.key"));
        boolean expiring = server.getNotAfter().toInstant().isBefore(now.plus(Duration.ofDays(30)));
        if (expiring
            || !sanSet(server).equals(new HashSet<>(serverNames))
            || !issuedBy(server, ca)) {
          server = null;
        }
      }
      if (server == null) {
        KeyPair keys = Keys.generateEc();
        server = issuer.server(ca, caKey, keys.getPublic(), serverNames, now, SERVER_TTL);
        serverKey = keys.getPrivate();
        files.writeSecret("server.key", Pem.encode(keys.getPrivate()));
        files.write("server.crt", Pem.encode(server));
      }
      KeyPair signing;
      if (files.exists("signing.key") && files.exists("signing.pub")) {
        signing =
            new KeyPair(
                SigningKeys.decodePublic(files.read("signing.pub").strip()),
                SigningKeys.decodePrivate(
                    java.util.Base64.getDecoder().decode(files.read("signing.key").strip())));
      } else {
        signing = SigningKeys.generate();
        files.writeSecret(
            "signing.key",
            java.util.Base64.getEncoder().encodeToString(signing.getPrivate().getEncoded()));
        files.write("signing.pub", SigningKeys.encodePublic(signing.getPublic()));
      }
      KeyPair sealing;
      if (files.exists("sealing.key") && files.exists("sealing.pub")) {
        sealing =
            new KeyPair(
                SealingKeys.decodePublic(files.read("sealing.pub")),
                SealingKeys.decodePrivate(files.read("sealing.key")));
      } else {
        sealing = SealingKeys.generate();
        files.writeSecret("sealing.key", SealingKeys.encodePrivate(sealing.getPrivate()));
        files.write("sealing.pub", SealingKeys.encodePublic(sealing.getPublic()));
      }
      return new HubPki(ca, caKey, server, serverKey, signing, sealing, issuer, clock);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read or write the hub's keys in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Issues a client certificate for {@code cluster} to the key in {@code csrPem}, after checking
   * that the CSR is signed by that key. The subject is set by the hub, whatever the CSR asks for.
   */
  public X509Certificate issueClient(String csrPem, ClusterId cluster, Duration ttl) {
    PKCS10CertificationRequest csr = Pem.csr(csrPem);
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
      if (!csr.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
        throw new IllegalArgumentException("the CSR's signature does not match its public key");
      }
      var key = jca.getPublicKey();
      if (key instanceof java.security.interfaces.ECPublicKey ec) {
        if (ec.getParams().getCurve().getField().getFieldSize() < 256) {
          throw new IllegalArgumentException("the CSR's EC key must be P-256 or stronger");
        }
      } else if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
        if (rsa.getModulus().bitLength() < 2048) {
          throw new IllegalArgumentException(
              "the CSR's RSA key has "
                  + rsa.getModulus().bitLength()
                  + " bits; at least 2048 are required");
        }
      } else {
        throw new IllegalArgumentException(
            "the CSR's key must be EC or RSA, not " + key.getAlgorithm());
      }
      return issuer.client(ca, caKey, key, cluster.value(), clock.instant(), ttl);
    } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("the CSR cannot be verified: " + e.getMessage(), e);
    }
  }

  public X509Certificate ca() {
    return ca;
  }

  public CaPin caPin() {
    return CaPin.of(ca);
  }

  public X509Certificate serverCertificate() {
    return serverCert;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  public DocumentSigner signer() {
    return new DocumentSigner(signingKeys);
  }

  public KeyPair signingKeys() {
    return signingKeys;
  }

  /** The X25519 key pair Secrets are sealed with (with each cluster's encryption key). */
  public KeyPair sealingKeys() {
    return sealingKeys;
  }

  private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static Set<String> sanSet(X509Certificate cert) {
    Set<String> out = new HashSet<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          out.add(String.valueOf(san.get(1)));
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      return Set.of();
    }
    return normalizeIps(out);
  }

  private static Set<String> normalizeIps(Set<String> names) {
    List<String> out = new ArrayList<>(names);
    out.replaceAll(n -> n.equals("0:0:0:0:0:0:0:1") ? "::1" : n);
    return new HashSet<>(out);
  }
}
