package dev.flotilla.protocol.pki;

import java.security.KeyPair;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate signing requests, made on the device so the private key never leaves it. */
public final class Csrs {
  private Csrs() {}

  /** A PEM CSR for {@code keys} with subject {@code CN=<commonName>}. */
  public static String create(KeyPair keys, String commonName) {
    try {
      PKCS10CertificationRequest req =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Principal("CN=" + commonName), keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      return Pem.encode(req);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a CSR", e);
    }
  }
}
