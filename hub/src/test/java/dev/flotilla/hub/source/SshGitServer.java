package dev.flotilla.hub.source;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH server (Apache MINA sshd) on a loopback port that serves one Git repository for {@code
 * git-upload-pack}, to one authorised public key, with a given host key.
 */
final class SshGitServer implements AutoCloseable {
  private final SshServer sshd;

  SshGitServer(Path gitDir, PublicKey authorized, KeyPair hostKey) throws IOException {
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorized));
    sshd.setCommandFactory((channel, command) -> new UploadPackCommand(command, gitDir));
    sshd.start();
  }

  int port() {
    return sshd.getPort();
  }

  String url() {
    return "ssh://git@127.0.0.1:" + port() + "/fleet.git";
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  private static final class UploadPackCommand extends AbstractCommandSupport {
    private final Path gitDir;

    UploadPackCommand(String command, Path gitDir) {
      super(command, null);
      this.gitDir = gitDir;
    }

    @Override
    public void run() {
      if (!getCommand().startsWith("git-upload-pack")) {
        onExit(1, "only git-upload-pack is served");
        return;
      }
      try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
        new UploadPack(repo).upload(getInputStream(), getOutputStream(), getErrorStream());
        onExit(0);
      } catch (IOException e) {
        onExit(1, e.getMessage());
      }
    }
  }
}
