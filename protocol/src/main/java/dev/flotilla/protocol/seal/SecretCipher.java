package dev.flotilla.protocol.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens Secret values between the hub and one cluster. Both sides compute the same keys:
 * X25519(own private, peer public), then HKDF-SHA256 with the cluster id as context gives an
 * AES-256-GCM key and a nonce key. Sealing is deterministic (the nonce is an HMAC of the associated
 * data and the plaintext, as in SIV constructions), so an unchanged Secret renders to the same blob
 * and wakes no one; it reveals only that a value did not change. Sealed form: {@code "FSV1:" +
 * base64(nonce(12) | ciphertext+tag)}.
 */
public final class SecretCipher {
  public static final String PREFIX = "FSV1:";
  private static final byte[] SALT = "flotilla-secret-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;

  private final SecretKeySpec aesKey;
  private final SecretKeySpec nonceKey;

  private SecretCipher(byte[] aes, byte[] nonce) {
    this.aesKey = new SecretKeySpec(aes, "AES");
    this.nonceKey = new SecretKeySpec(nonce, "HmacSHA256");
  }

  /** The cipher for {@code clusterId}: own private key, the other side's public key. */
  public static SecretCipher between(PrivateKey own, PublicKey peer, String clusterId) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("X25519");
      ka.init(own);
      ka.doPhase(peer, true);
      byte[] shared = ka.generateSecret();
      byte[] prk = hmac(SALT, shared);
      byte[] okm = expand(prk, ("cluster " + clusterId).getBytes(StandardCharsets.UTF_8), 64);
      return new SecretCipher(Arrays.copyOfRange(okm, 0, 32), Arrays.copyOfRange(okm, 32, 64));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot agree on a key with X25519: " + e.getMessage(), e);
    }
  }

  public String seal(String associatedData, byte[] plain) {
    byte[] aad = associatedData.getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(nonceKey);
      mac.update(aad);
      mac.update((byte) 0);
      byte[] nonce = Arrays.copyOf(mac.doFinal(plain), NONCE);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad);
      byte[] ct = c.doFinal(plain);
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The plaintext; {@link Rejected} if the value was not sealed for this cluster or changed. */
  public byte[] open(String associatedData, String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new Rejected("is not a sealed value");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new Rejected("is not valid base64");
    }
    if (raw.length < NONCE + 16) {
      throw new Rejected("is too short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, raw, 0, NONCE));
      c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(raw, NONCE, raw.length - NONCE);
    } catch (AEADBadTagException e) {
      throw new Rejected("does not open with this cluster's key (sealed for another, or changed)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /** HKDF-Expand (RFC 5869) with HMAC-SHA256. */
  private static byte[] expand(byte[] prk, byte[] info, int length)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    int pos = 0;
    for (byte i = 1; pos < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update(i);
      t = mac.doFinal();
      int n = Math.min(t.length, length - pos);
      System.arraycopy(t, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  /** A sealed value that must not be used. */
  public static final class Rejected extends RuntimeException {
    public Rejected(String why) {
      super(why);
    }
  }
}
