package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.SourceAuthRequest;
import dev.flotilla.hub.admin.AdminViews.SourceRequest;
import dev.flotilla.hub.admin.AdminViews.SourceView;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.hub.source.SshCredentials;
import dev.flotilla.hub.store.SourceAuth;
import dev.flotilla.hub.store.SourceDefinition;
import dev.flotilla.hub.store.SourceRecord;
import java.util.Locale;

/**
 * Turns a source request into a definition, refusing what would be unsafe or unusable, and a stored
 * source into its view (pure). Messages name the field and never quote a secret.
 */
public final class SourceRequests {
  /** Shortest webhook secret accepted. */
  public static final int MIN_WEBHOOK_SECRET = 16;

  private SourceRequests() {}

  /**
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static SourceDefinition definition(SourceRequest r) {
    if (r.url() == null || r.url().isBlank()) {
      throw new IllegalArgumentException("url: a Git URL is required");
    }
    String url = r.url().strip();
    if (url.matches("(?i)[a-z+]+://[^/@]*:[^/@]*@.*")) {
      throw new IllegalArgumentException(
          "url: must not carry a password; give the token as auth (type token) instead");
    }
    SourceSpec spec = new SourceSpec(r.name(), url, r.branch(), r.path());
    SourceAuth auth = auth(r.auth(), url);
    String secret = r.webhookSecret() == null ? "" : r.webhookSecret().strip();
    if (!secret.isEmpty() && secret.length() < MIN_WEBHOOK_SECRET) {
      throw new IllegalArgumentException(
          "webhookSecret: must be at least " + MIN_WEBHOOK_SECRET + " characters");
    }
    return new SourceDefinition(spec.name(), spec.url(), spec.branch(), spec.path(), auth, secret);
  }

  private static SourceAuth auth(SourceAuthRequest a, String url) {
    if (a == null || a.type() == null || a.type().isBlank() || a.type().equals("none")) {
      return SourceAuth.NONE;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    return switch (a.type()) {
      case "token" -> {
        if (a.token() == null || a.token().isBlank()) {
          throw new IllegalArgumentException("auth.token: required for auth type token");
        }
        if (!lower.startsWith("https://")) {
          throw new IllegalArgumentException(
              "auth: a token is only sent over https://, and the url is not https");
        }
        yield SourceAuth.token(a.username(), a.token());
      }
      case "ssh" -> {
        if (a.privateKey() == null || a.privateKey().isBlank()) {
          throw new IllegalArgumentException("auth.privateKey: required for auth type ssh");
        }
        if (!lower.startsWith("ssh://") && !lower.matches("[^/@:]+@[^/:]+:.*")) {
          throw new IllegalArgumentException(
              "auth: an SSH key needs an ssh:// or user@host:path url");
        }
        String known = a.knownHosts() == null ? "" : a.knownHosts();
        try {
          SshCredentials.validate(a.privateKey(), known);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("auth: " + e.getMessage());
        }
        yield SourceAuth.sshKey(a.privateKey(), known);
      }
      default ->
          throw new IllegalArgumentException(
              "auth.type: expected none, token or ssh, got '" + a.type() + "'");
    };
  }

  public static SourceView view(SourceRecord s) {
    return new SourceView(
        s.name(),
        redact(s.url()),
        s.branch(),
        s.path(),
        s.revision().orElse(""),
        s.fetchedAt().orElse(null),
        s.error(),
        s.errorAt().orElse(null),
        s.auth().kind().name().toLowerCase(Locale.ROOT),
        !s.webhookSecret().isEmpty());
  }

  /** A URL with any user-info password masked. */
  static String redact(String url) {
    return url.replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
  }
}
