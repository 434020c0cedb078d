package dev.flotilla.testkit.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A working repository on disk: {@code repo.write("a.yaml", text).commit("msg")}. */
public final class GitRepo implements AutoCloseable {
  private final Path dir;
  private final Git git;

  private GitRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  public static GitRepo init(Path dir, String branch) throws IOException {
    try {
      Files.createDirectories(dir);
      return new GitRepo(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call());
    } catch (GitAPIException e) {
      throw new IOException("cannot create a Git repository in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The repository as a URL the hub can fetch. */
  public String url() {
    return dir.toAbsolutePath().toUri().toString();
  }

  public GitRepo write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return this;
  }

  public GitRepo delete(String path) throws IOException {
    Path p = dir.resolve(path);
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    } else {
      Files.deleteIfExists(p);
    }
    return this;
  }

  public String read(String path) throws IOException {
    return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
  }

  /** Stages everything (additions, changes, deletions) and commits; returns the commit id. */
  public String commit(String message) throws IOException {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who = new PersonIdent("Flotilla Demo", "demo@flotilla.invalid");
      RevCommit c =
          git.commit()
              .setMessage(message)
              .setAuthor(who)
              .setCommitter(who)
              .setAllowEmpty(true)
              .call();
      return c.getId().name();
    } catch (GitAPIException e) {
      throw new IOException("commit failed in " + dir, e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
