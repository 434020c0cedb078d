package dev.flotilla.hub.enroll;

import dev.flotilla.model.Digest;

/** Token secrets are stored as their sha256; they are random and long, so no salt is needed. */
public final class SecretHash {
  private SecretHash() {}

  public static String of(String secret) {
    return Digest.of(secret).hex();
  }
}
