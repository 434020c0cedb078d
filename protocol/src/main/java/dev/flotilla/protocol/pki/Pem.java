package dev.flotilla.protocol.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM encoding and decoding of certificates, private keys and CSRs. */
public final class Pem {
  private Pem() {}

  /** PEM of a certificate, CSR or key; private keys are written as PKCS#8 ("PRIVATE KEY"). */
  public static String encode(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      if (object instanceof PrivateKey key) {
        w.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
        w.flush();
        return out.toString();
      }
      w.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM", e);
    }
    return out.toString();
  }

  public static String encodeAll(List<X509Certificate> certs) {
    StringBuilder sb = new StringBuilder();
    certs.forEach(c -> sb.append(encode(c)));
    return sb.toString();
  }

  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          out.add(new JcaX509CertificateConverter().getCertificate(h));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no certificate found in PEM text");
    }
    return out;
  }

  public static X509Certificate certificate(String pem) {
    return certificates(pem).get(0);
  }

  public static PrivateKey privateKey(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        return conv.getKeyPair(kp).getPrivate();
      }
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      throw new IllegalArgumentException("no private key found in PEM text");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
    }
  }

  /** The key pair of an EC private key in PKCS#8 PEM (the public key is derived from it). */
  public static KeyPair keyPairFromPrivate(String pem) {
    PrivateKey key = privateKey(pem);
    if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
      throw new IllegalArgumentException("expected an EC private key, got " + key.getAlgorithm());
    }
    try {
      org.bouncycastle.jce.spec.ECParameterSpec spec =
          org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util.convertSpec(ec.getParams());
      org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(ec.getS()).normalize();
      java.security.spec.ECPoint w =
          new java.security.spec.ECPoint(
              q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
      java.security.PublicKey pub =
          java.security.KeyFactory.getInstance("EC")
              .generatePublic(new java.security.spec.ECPublicKeySpec(w, ec.getParams()));
      return new KeyPair(pub, key);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot derive the public key: " + e.getMessage(), e);
    }
  }

  public static KeyPair keyPair(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      if (o instanceof PEMKeyPair kp) {
        return new JcaPEMKeyConverter().getKeyPair(kp);
      }
      throw new IllegalArgumentException("no key pair found in PEM text");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM key pair: " + e.getMessage(), e);
    }
  }

  public static PKCS10CertificationRequest csr(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      if (o instanceof PKCS10CertificationRequest r) {
        return r;
      }
      throw new IllegalArgumentException("no certificate signing request found in PEM text");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM certificate signing request", e);
    }
  }
}
