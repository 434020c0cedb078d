package dev.flotilla.protocol.sign;

import dev.flotilla.model.Digest;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Creating and encoding the hub's Ed25519 document-signing keys. */
public final class SigningKeys {
  private SigningKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** Base64 of the X.509 SubjectPublicKeyInfo: the form sent to agents. */
  public static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  public static PublicKey decodePublic(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key in base64", e);
    }
  }

  public static PrivateKey decodePrivate(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8)", e);
    }
  }

  public static PublicKey decodePublic(byte[] spki) {
    return decodePublic(Base64.getEncoder().encodeToString(spki));
  }

  /** A short, stable identifier of a public key: the first 16 hex digits of its sha256. */
  public static String keyId(PublicKey key) {
    return Digest.of(key.getEncoded()).hex().substring(0, 16);
  }
}
