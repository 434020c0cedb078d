package dev.flotilla.testkit.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A working repository made and committed to with the {@code git} command-line tool (not JGit), so
 * tests also read repositories the way real users write them.
 */
public final class GitCli {
  private final Path dir;

  private GitCli(Path dir) {
    this.dir = dir;
  }

  public static GitCli init(Path dir, String branch) throws IOException {
    Files.createDirectories(dir);
    GitCli g = new GitCli(dir);
    g.git("init", "-q", "-b", branch);
    g.git("config", "user.name", "Flotilla Test");
    g.git("config", "user.email", "test@flotilla.invalid");
    g.git("config", "commit.gpgsign", "false");
    return g;
  }

  public Path dir() {
    return dir;
  }

  public String url() {
    return dir.toAbsolutePath().toUri().toString();
  }

  public GitCli write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return this;
  }

  /** {@code git add -A && git commit}; returns the new commit id. */
  public String commit(String message) throws IOException {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /** Runs {@code git} in the repository and returns its standard output. */
  public String git(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("git " + String.join(" ", args) + " did not finish in 60s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running git", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "git " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out.strip());
    }
    return out;
  }
}
