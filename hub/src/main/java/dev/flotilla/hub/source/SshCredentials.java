package dev.flotilla.hub.source;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * An SSH deploy key for a source, used through JGit's Apache MINA sshd transport. Nothing is read
 * from the hub user's {@code ~/.ssh}: the key and the host keys come from the source's settings
 * only. Keys with a passphrase are not supported (the hub runs unattended).
 */
public final class SshCredentials implements GitCredentials {
  private final KeyPair key;
  private final KnownHosts knownHosts;
  private final Path stateDir;
  private SshdSessionFactory factory;

  private SshCredentials(KeyPair key, KnownHosts knownHosts, Path stateDir) {
    this.key = key;
    this.knownHosts = knownHosts;
    this.stateDir = stateDir;
  }

  /**
   * @throws IllegalArgumentException when the key or the known hosts cannot be read (the message
   *     never quotes the key)
   */
  static SshCredentials of(String privateKey, String knownHosts, Path stateDir) {
    return new SshCredentials(
        parseKey(privateKey), KnownHosts.parse(knownHosts, stateDir), stateDir);
  }

  /** Checks that {@code privateKey} is a usable, unencrypted SSH private key. */
  public static void validate(String privateKey, String knownHosts) {
    parseKey(privateKey);
    KnownHosts.parse(knownHosts, Path.of("."));
  }

  private static KeyPair parseKey(String text) {
    List<KeyPair> keys = new ArrayList<>();
    try {
      Iterable<KeyPair> found =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName("the source's SSH key"),
              new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
              null);
      if (found != null) {
        found.forEach(keys::add);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the SSH private key cannot be read (OpenSSH or PEM form, without a passphrase): "
              + e.getClass().getSimpleName(),
          e);
    }
    if (keys.size() != 1) {
      throw new IllegalArgumentException(
          "the SSH private key must hold exactly one unencrypted key, found " + keys.size());
    }
    return keys.get(0);
  }

  @Override
  public <C extends TransportCommand<C, ?>> C configure(C command) {
    SshdSessionFactory f = factory();
    return command.setTransportConfigCallback(
        t -> {
          if (t instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(f);
          }
        });
  }

  private synchronized SshdSessionFactory factory() {
    if (factory == null) {
      File home = stateDir.resolve("ssh-home").toFile();
      factory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home)
              .setSshDirectory(new File(home, ".ssh"))
              .setConfigStoreFactory((h, f, u) -> null)
              .setDefaultKeysProvider(dir -> List.of(key))
              .setDefaultKnownHostsFiles(dir -> List.of())
              .setDefaultIdentities(dir -> List.of())
              .setPreferredAuthentications("publickey")
              .setServerKeyDatabase((h, s) -> new Database())
              .build(null);
    }
    return factory;
  }

  @Override
  public synchronized void close() {
    if (factory != null) {
      factory.close();
      factory = null;
    }
  }

  @Override
  public String toString() {
    return "SshCredentials[****, "
        + (knownHosts.configured() ? "known hosts" : "trust first host key")
        + "]";
  }

  private final class Database implements ServerKeyDatabase {
    @Override
    public List<PublicKey> lookup(
        String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
      return knownHosts.keys();
    }

    @Override
    public boolean accept(
        String connectAddress,
        InetSocketAddress remoteAddress,
        PublicKey serverKey,
        Configuration config,
        CredentialsProvider provider) {
      KnownHosts.Verdict v = knownHosts.check(serverKey);
      if (!v.accepted()) {
        throw new HostKeyRefused(connectAddress + ": " + v.message());
      }
      return true;
    }
  }

  /** The server presented a host key the source does not trust. */
  static final class HostKeyRefused extends RuntimeException {
    HostKeyRefused(String message) {
      super(message);
    }
  }
}
