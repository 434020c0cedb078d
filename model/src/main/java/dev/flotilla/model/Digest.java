package dev.flotilla.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A sha256 digest in lower-case hex: the address of a content-addressed blob. */
public record Digest(String hex) implements Comparable<Digest> {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public Digest {
    if (hex == null || !HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 digest (64 lower-case hex digits): " + hex);
    }
  }

  /** Parses {@code sha256:<hex>} or bare hex. */
  public static Digest parse(String text) {
    String t = text == null ? null : text.strip();
    if (t != null && t.startsWith("sha256:")) {
      t = t.substring("sha256:".length());
    }
    return new Digest(t);
  }

  public static Digest of(byte[] content) {
    return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
  }

  public static Digest of(String content) {
    return of(content.getBytes(StandardCharsets.UTF_8));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The first 12 hex digits, for tables and logs. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public int compareTo(Digest o) {
    return hex.compareTo(o.hex);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
