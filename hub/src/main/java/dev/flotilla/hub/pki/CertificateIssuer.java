package dev.flotilla.hub.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates: the self-signed CA, the hub's server certificate, client certificates.
 */
final class CertificateIssuer {
  /** Signs certificates whichever provider parsed the CA key (the JDK's or Bouncy Castle's). */
  private static final java.security.Provider SIGNING =
      new org.bouncycastle.jce.provider.BouncyCastleProvider();

  /** Tolerated clock skew between hub and devices. */
  static final Duration BACKDATE = Duration.ofMinutes(5);

  private final SecureRandom random;

  CertificateIssuer(SecureRandom random) {
    this.random = random;
  }

  X509Certificate selfSignedCa(KeyPair keys, String commonName, Instant now, Duration ttl) {
    X500Principal name = new X500Principal("CN=" + commonName);
    return build(
        name,
        keys.getPrivate(),
        name,
        keys.getPublic(),
        now,
        ttl,
        b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
          b.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
          b.addExtension(
              Extension.subjectKeyIdentifier,
              false,
              new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        });
  }

  X509Certificate server(
      X509Certificate ca,
      PrivateKey caKey,
      PublicKey key,
      List<String> sans,
      Instant now,
      Duration ttl) {
    return build(
        ca.getSubjectX500Principal(),
        caKey,
        new X500Principal("CN=flotilla-hub"),
        key,
        now,
        ttl,
        b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
          b.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(sans));
        });
  }

  X509Certificate client(
      X509Certificate ca,
      PrivateKey caKey,
      PublicKey key,
      String commonName,
      Instant now,
      Duration ttl) {
    return build(
        ca.getSubjectX500Principal(),
        caKey,
        new X500Principal("CN=" + commonName),
        key,
        now,
        ttl,
        b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        });
  }

  private X509Certificate build(
      X500Principal issuer,
      PrivateKey issuerKey,
      X500Principal subject,
      PublicKey key,
      Instant now,
      Duration ttl,
      Extensions extensions) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              new BigInteger(127, random).add(BigInteger.ONE),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(ttl)),
              subject,
              key);
      extensions.add(b);
      // by type, not by name, and signed by Bouncy Castle: a key parsed while Bouncy Castle is a
      // registered provider (fabric8 registers it in the same JVM) calls itself "ECDSA", which the
      // JDK's signer refuses
      String alg =
          issuerKey instanceof java.security.interfaces.ECPrivateKey
              ? "SHA256withECDSA"
              : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder(alg).setProvider(SIGNING).build(issuerKey)));
    } catch (CertIOException
        | OperatorCreationException
        | CertificateException
        | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static GeneralNames subjectAltNames(List<String> sans) {
    List<GeneralName> names = new ArrayList<>();
    for (String san : sans) {
      if (isIpAddress(san)) {
        names.add(new GeneralName(GeneralName.iPAddress, san));
      } else {
        names.add(new GeneralName(GeneralName.dNSName, san));
      }
    }
    return new GeneralNames(names.toArray(new GeneralName[0]));
  }

  private static boolean isIpAddress(String s) {
    if (!s.matches("[0-9.]+") && !s.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @FunctionalInterface
  private interface Extensions {
    void add(X509v3CertificateBuilder b)
        throws CertIOException, java.security.NoSuchAlgorithmException;
  }
}
