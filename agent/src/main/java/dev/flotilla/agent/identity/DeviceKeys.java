package dev.flotilla.agent.identity;

import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.seal.SealingKeys;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys a device makes for itself before enrolling: the ECDSA P-256 key of its TLS identity and
 * the X25519 key its Secrets are sealed to. Kept (sealed) across enrollment retries, so a retried
 * registration presents the same keys.
 */
public record DeviceKeys(KeyPair tls, KeyPair encryption) {
  private static final String X25519_BEGIN = "-----BEGIN FLOTILLA X25519 PRIVATE KEY-----";
  private static final String X25519_END = "-----END FLOTILLA X25519 PRIVATE KEY-----";
  private static final Pattern X25519 =
      Pattern.compile(
          Pattern.quote(X25519_BEGIN)
              + "\\s*([A-Za-z0-9+/=\\s]+?)\\s*"
              + Pattern.quote(X25519_END));

  public static DeviceKeys generate() {
    return new DeviceKeys(Keys.generateEc(), SealingKeys.generate());
  }

  /** PEM: the EC key (PKCS#8), then the X25519 key. */
  public String encode() {
    return Pem.encode(tls.getPrivate())
        + X25519_BEGIN
        + "\n"
        + SealingKeys.encodePrivate(encryption.getPrivate())
        + "\n"
        + SealingKeys.encodePublic(encryption.getPublic())
        + "\n"
        + X25519_END
        + "\n";
  }

  /**
   * Reads {@link #encode()}'s form; an older file with only the EC key gets a new X25519 key (it
   * had not enrolled yet, so nothing was sealed to it).
   */
  public static DeviceKeys decode(String pem) {
    KeyPair tls = Pem.keyPairFromPrivate(pem);
    Matcher m = X25519.matcher(pem);
    if (!m.find()) {
      return new DeviceKeys(tls, SealingKeys.generate());
    }
    String[] parts = m.group(1).strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "the stored X25519 key must have a private and a public part");
    }
    PrivateKey priv = SealingKeys.decodePrivate(parts[0]);
    return new DeviceKeys(tls, new KeyPair(SealingKeys.decodePublic(parts[1]), priv));
  }
}
