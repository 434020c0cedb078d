package dev.flotilla.hub.source;

import dev.flotilla.hub.store.SourceAuth;
import java.nio.file.Path;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * How a source authenticates: nothing (file://, public HTTPS), an HTTPS token, or an SSH key. A
 * credential's {@code toString} never shows its secret.
 */
public sealed interface GitCredentials extends AutoCloseable
    permits GitCredentials.None, GitCredentials.HttpsToken, SshCredentials {
  GitCredentials NONE = new None();

  <C extends TransportCommand<C, ?>> C configure(C command);

  /** Releases what the credential holds open (an SSH client); idempotent. */
  @Override
  default void close() {}

  /**
   * The credential for a stored source's settings.
   *
   * @param stateDir where an SSH credential keeps the host key it trusted first (when the source
   *     has no known hosts)
   * @throws IllegalArgumentException naming what is wrong (never quoting the secret)
   */
  static GitCredentials of(SourceAuth auth, Path stateDir) {
    return switch (auth.kind()) {
      case NONE -> NONE;
      case TOKEN -> new HttpsToken(auth.username(), auth.secret());
      case SSH -> SshCredentials.of(auth.secret(), auth.knownHosts(), stateDir);
    };
  }

  /** No credentials. */
  record None() implements GitCredentials {
    @Override
    public <C extends TransportCommand<C, ?>> C configure(C command) {
      return command;
    }
  }

  /** An HTTPS token, sent as the password (GitHub, GitLab and Gitea accept this). */
  record HttpsToken(String username, String token) implements GitCredentials {
    @Override
    public <C extends TransportCommand<C, ?>> C configure(C command) {
      return command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(
              username == null || username.isBlank() ? "git" : username, token));
    }

    @Override
    public String toString() {
      return "HttpsToken[" + username + ", ****]";
    }
  }
}
