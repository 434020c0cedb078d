package dev.flotilla.hub.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.protocol.pki.Pem;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {
  @Test
  void anEcCaKeyParsedByBouncyCastleStillSignsWithEcdsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ca = g.generateKeyPair();
    CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    Instant now = Instant.now();
    X509Certificate caCert = issuer.selfSignedCa(ca, "flotilla test CA", now, Duration.ofDays(1));
    // what Pem.privateKey returns once Bouncy Castle is a registered provider (fabric8 registers
    // it): a key that calls itself "ECDSA"
    PrivateKey bcKey =
        new JcaPEMKeyConverter()
            .setProvider(new BouncyCastleProvider())
            .getPrivateKey(PrivateKeyInfo.getInstance(ca.getPrivate().getEncoded()));
    assertThat(bcKey.getAlgorithm()).isEqualTo("ECDSA");

    X509Certificate client =
        issuer.client(
            caCert, bcKey, g.generateKeyPair().getPublic(), "c-edge1", now, Duration.ofDays(1));

    assertThat(client.getSigAlgName()).isEqualTo("SHA256withECDSA");
    client.verify(caCert.getPublicKey());
    assertThat(Pem.encode(client)).startsWith("-----BEGIN CERTIFICATE-----");
  }
}
