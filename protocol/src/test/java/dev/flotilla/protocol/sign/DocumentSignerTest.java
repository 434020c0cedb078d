package dev.flotilla.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.RepeatedTest;

class DocumentSignerTest {
  /** Ed25519 is deterministic: the fast signer must give the JDK's bytes, which agents verify. */
  @RepeatedTest(20)
  void signsTheSameBytesAsTheJdkAndTheJdkVerifiesThem() throws Exception {
    KeyPair keys = SigningKeys.generate();
    byte[] payload =
        ("{\"cluster\":\"edge-" + System.nanoTime() + "\",\"generation\":7}")
            .getBytes(StandardCharsets.UTF_8);

    byte[] fast = new DocumentSigner(keys).signature(payload);

    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(keys.getPrivate());
    jdk.update(payload);
    assertThat(fast).isEqualTo(jdk.sign());
    Signature verify = Signature.getInstance("Ed25519");
    verify.initVerify(keys.getPublic());
    verify.update(payload);
    assertThat(verify.verify(fast)).isTrue();
  }
}
