package dev.flotilla.agent.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit nonce per write. The logical name of the content is the
 * associated data, so a sealed file moved to another name fails to open. Layout: {@code "FLS1" |
 * nonce(12) | ciphertext+tag}.
 */
public final class Sealer {
  private static final byte[] MAGIC = "FLS1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public Sealer(SecretKey key) {
    this.key = key;
  }

  public byte[] seal(String name, byte[] plain) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(MAGIC.length + NONCE + sealed.length)
          .put(MAGIC)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** Opens sealed bytes; throws {@link Corrupt} if they were changed, truncated or renamed. */
  public byte[] open(String name, byte[] sealed) {
    if (sealed.length < MAGIC.length + NONCE + TAG_BITS / 8) {
      throw new Corrupt(name, "too short to be a sealed file");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (sealed[i] != MAGIC[i]) {
        throw new Corrupt(name, "not a sealed Flotilla file");
      }
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, NONCE));
      c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(sealed, MAGIC.length + NONCE, sealed.length - MAGIC.length - NONCE);
    } catch (AEADBadTagException e) {
      throw new Corrupt(
          name, "failed authentication (changed on disk, or sealed with another key)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** A sealed file that must not be used. */
  public static final class Corrupt extends RuntimeException {
    public Corrupt(String name, String why) {
      super("local file '" + name + "' " + why);
    }
  }
}
