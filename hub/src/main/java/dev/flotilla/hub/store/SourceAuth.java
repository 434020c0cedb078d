package dev.flotilla.hub.store;

/**
 * How the hub authenticates to a source's Git server. The secret is stored, used for fetching and
 * never shown: {@link #toString} and the admin views leave it out.
 *
 * @param kind none, an HTTPS token, or an SSH private key
 * @param username the HTTPS user name (empty for {@code git}); unused for SSH (the URL names it)
 * @param secret the HTTPS token, or the SSH private key in OpenSSH or PEM form
 * @param knownHosts for SSH: the server's public keys, in {@code known_hosts} or {@code
 *     authorized_keys} line form; empty to trust the first key seen and refuse any other after
 */
public record SourceAuth(Kind kind, String username, String secret, String knownHosts) {
  public static final SourceAuth NONE = new SourceAuth(Kind.NONE, "", "", "");

  public SourceAuth {
    kind = kind == null ? Kind.NONE : kind;
    username = username == null ? "" : username.strip();
    secret = secret == null ? "" : secret;
    knownHosts = knownHosts == null ? "" : knownHosts;
    if (kind != Kind.NONE && secret.isBlank()) {
      throw new IllegalArgumentException(
          "source authentication " + kind.name().toLowerCase() + " needs a secret");
    }
    if (kind == Kind.NONE && !secret.isEmpty()) {
      throw new IllegalArgumentException("a secret was given without an authentication kind");
    }
  }

  public static SourceAuth token(String username, String token) {
    return new SourceAuth(Kind.TOKEN, username, token.strip(), "");
  }

  public static SourceAuth sshKey(String privateKey, String knownHosts) {
    return new SourceAuth(Kind.SSH, "", privateKey, knownHosts);
  }

  /** The kinds of source authentication. */
  public enum Kind {
    NONE,
    TOKEN,
    SSH
  }

  @Override
  public String toString() {
    return "SourceAuth[" + kind + (username.isEmpty() ? "" : ", user " + username) + "]";
  }
}
