package dev.flotilla.protocol.pki;

import dev.flotilla.model.Digest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * The sha256 of a CA certificate's DER encoding, as kubeadm's {@code
 * --discovery-token-ca-cert-hash}: a bootstrap token carries it so the agent trusts only the hub
 * that issued the token.
 */
public record CaPin(Digest digest) {
  public static CaPin of(X509Certificate ca) {
    try {
      return new CaPin(Digest.of(ca.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode CA certificate", e);
    }
  }

  public boolean matches(X509Certificate cert) {
    return of(cert).equals(this);
  }

  @Override
  public String toString() {
    return digest.toString();
  }
}
