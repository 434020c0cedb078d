package dev.flotilla.hub.hooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook proves it comes from the Git server (pure): GitHub (and Gitea, Forgejo) sign the
 * body with HMAC-SHA256 in {@code X-Hub-Signature-256: sha256=<hex>}; GitLab sends the secret
 * itself in {@code X-Gitlab-Token}. Comparisons take constant time.
 */
public sealed interface WebhookSignature {
  String GITHUB_HEADER = "X-Hub-Signature-256";
  String GITLAB_HEADER = "X-Gitlab-Token";

  /** Whether the request was made by someone who knows {@code secret}. */
  boolean verifies(byte[] body, String secret);

  /** An HMAC-SHA256 signature of the body. */
  record Hmac(String hex) implements WebhookSignature {
    @Override
    public boolean verifies(byte[] body, String secret) {
      if (secret.isEmpty()) {
        return false;
      }
      byte[] expected =
          HexFormat.of().formatHex(hmac(body, secret)).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, hex.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The shared secret itself (GitLab). */
  record Token(String token) implements WebhookSignature {
    @Override
    public boolean verifies(byte[] body, String secret) {
      return !secret.isEmpty()
          && MessageDigest.isEqual(
              secret.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The signature carried by the request's headers, if any.
   *
   * @param githubHeader the value of {@code X-Hub-Signature-256}
   * @param gitlabHeader the value of {@code X-Gitlab-Token}
   */
  static Optional<WebhookSignature> from(
      Optional<String> githubHeader, Optional<String> gitlabHeader) {
    if (githubHeader.isPresent()) {
      String v = githubHeader.get().strip();
      return v.startsWith("sha256=") && v.length() == 7 + 64
          ? Optional.of(new Hmac(v.substring(7)))
          : Optional.empty();
    }
    return gitlabHeader.filter(t -> !t.isEmpty()).map(Token::new);
  }

  /** The {@code X-Hub-Signature-256} value for a body (for clients and tests). */
  static String githubHeaderValue(byte[] body, String secret) {
    return "sha256=" + HexFormat.of().formatHex(hmac(body, secret));
  }

  private static byte[] hmac(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
