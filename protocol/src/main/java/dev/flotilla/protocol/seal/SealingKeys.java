package dev.flotilla.protocol.seal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** X25519 key pairs that seal Secrets, and their base64 encodings (X.509 and PKCS#8). */
public final class SealingKeys {
  private SealingKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no X25519", e);
    }
  }

  public static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static String encodePrivate(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** An X25519 public key from base64 X.509; IllegalArgumentException if it is not one. */
  public static PublicKey decodePublic(String base64) {
    try {
      PublicKey key =
          KeyFactory.getInstance("X25519")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
      if (!key.getAlgorithm().equals("XDH") && !key.getAlgorithm().equals("X25519")) {
        throw new IllegalArgumentException("not an X25519 key: " + key.getAlgorithm());
      }
      return key;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an X25519 public key in base64", e);
    }
  }

  public static PrivateKey decodePrivate(String base64) {
    try {
      return KeyFactory.getInstance("X25519")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an X25519 private key (PKCS#8, base64)", e);
    }
  }
}
