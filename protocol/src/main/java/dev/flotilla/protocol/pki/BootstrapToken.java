package dev.flotilla.protocol.pki;

import dev.flotilla.model.Digest;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A join token: {@code FLT1.<id>.<secret>.<ca-sha256>}. The id names the token in lists and audit
 * logs, the secret proves possession (the hub stores only its hash), and the CA pin lets the agent
 * refuse any hub but the one that issued it.
 */
public record BootstrapToken(String id, String secret, CaPin caPin) {
  private static final Pattern FORM =
      Pattern.compile("FLT1\\.([a-z0-9]{6})\\.([a-z0-9]{16})\\.([0-9a-f]{64})");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  public static BootstrapToken generate(CaPin caPin, SecureRandom random) {
    return new BootstrapToken(randomString(6, random), randomString(16, random), caPin);
  }

  public static BootstrapToken parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a Flotilla bootstrap token (expected FLT1.<id>.<secret>.<ca-sha256>, as printed by"
              + " `flotilla token create`)");
    }
    return new BootstrapToken(m.group(1), m.group(2), new CaPin(new Digest(m.group(3))));
  }

  /** What the agent sends: id and secret, never the pin (the hub knows its own CA). */
  public String credential() {
    return id + "." + secret;
  }

  /** The full token, secret included: what `flotilla token create` prints, once. */
  public String encoded() {
    return "FLT1." + id + "." + secret + "." + caPin.digest().hex();
  }

  /** Redacted, so a token that reaches a log does not leak its secret. */
  @Override
  public String toString() {
    return "FLT1." + id + ".****";
  }

  private static String randomString(int length, SecureRandom random) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
