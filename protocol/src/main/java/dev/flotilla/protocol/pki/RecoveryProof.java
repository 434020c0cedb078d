package dev.flotilla.protocol.pki;

import dev.flotilla.model.Digest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * The proof in a recovery request: the expired certificate's device key signs the certificate, the
 * new CSR and the time. Binding the CSR means a captured proof can only ever obtain a certificate
 * for a key its sender does not hold; binding the time bounds how long it can be replayed at all.
 */
public final class RecoveryProof {
  private static final String CONTEXT = "flotilla-recover-v1";

  private RecoveryProof() {}

  /** The signed bytes (pure). */
  public static byte[] message(X509Certificate expired, String csrPem, Instant signedAt) {
    try {
      return (CONTEXT
              + "\n"
              + Digest.of(expired.getEncoded()).hex()
              + "\n"
              + Digest.of(csrPem.strip()).hex()
              + "\n"
              + signedAt)
          .getBytes(StandardCharsets.UTF_8);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode the certificate", e);
    }
  }

  public static String sign(
      PrivateKey deviceKey, X509Certificate expired, String csrPem, Instant signedAt) {
    try {
      Signature s = Signature.getInstance(algorithm(deviceKey.getAlgorithm()));
      s.initSign(deviceKey);
      s.update(message(expired, csrPem, signedAt));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the recovery proof", e);
    }
  }

  /** Whether {@code proof} was made by the key of {@code expired}. */
  public static boolean verify(
      X509Certificate expired, String csrPem, Instant signedAt, String proof) {
    try {
      PublicKey key = expired.getPublicKey();
      Signature s = Signature.getInstance(algorithm(key.getAlgorithm()));
      s.initVerify(key);
      s.update(message(expired, csrPem, signedAt));
      return s.verify(Base64.getDecoder().decode(proof));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String algorithm(String keyAlgorithm) {
    return keyAlgorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
  }
}
