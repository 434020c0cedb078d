package dev.flotilla.hub.store;

import java.util.Objects;

/**
 * What an administrator configures for a source: where it is, how to authenticate, and the secret
 * that signs its webhooks (empty: webhooks for it are refused, polling still works).
 */
public record SourceDefinition(
    String name, String url, String branch, String path, SourceAuth auth, String webhookSecret) {
  public SourceDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(path, "path");
    auth = auth == null ? SourceAuth.NONE : auth;
    webhookSecret = webhookSecret == null ? "" : webhookSecret.strip();
  }

  @Override
  public String toString() {
    return "SourceDefinition["
        + name
        + ", "
        + url
        + " "
        + branch
        + ":/"
        + path
        + ", "
        + auth
        + (webhookSecret.isEmpty() ? "" : ", webhook")
        + "]";
  }
}
