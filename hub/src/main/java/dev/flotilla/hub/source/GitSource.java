package dev.flotilla.hub.source;

import dev.flotilla.model.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;

/**
 * One Git source on disk: a bare clone that {@link #fetch} updates, and trees exported per revision
 * by {@link TreeExporter}. Not thread-safe; the hub fetches each source from one thread.
 */
public final class GitSource implements AutoCloseable {
  private final SourceSpec spec;
  private final Path dir;
  private final GitCredentials credentials;
  private Git git;
  private Revision head;

  public GitSource(SourceSpec spec, Path sourcesDir, GitCredentials credentials) {
    this.spec = spec;
    this.dir = sourcesDir.resolve(spec.name());
    this.credentials = credentials;
  }

  public SourceSpec spec() {
    return spec;
  }

  public Optional<Revision> head() {
    return Optional.ofNullable(head);
  }

  /** Fetches the branch; never throws for remote problems (they are a {@code Failed} result). */
  public FetchResult fetch() {
    try {
      Path repoDir = dir.resolve("repo.git");
      if (git == null) {
        if (Files.isDirectory(repoDir.resolve("objects"))) {
          git = Git.open(repoDir.toFile());
        } else {
          Files.createDirectories(dir);
          git = Git.init().setBare(true).setDirectory(repoDir.toFile()).call();
        }
      }
      String ref = "refs/heads/" + spec.branch();
      credentials
          .configure(git.fetch())
          .setRemote(spec.url())
          .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
          .setTimeout(60)
          .call();
      ObjectId id = git.getRepository().resolve(ref + "^{commit}");
      if (id == null) {
        return new FetchResult.Failed(
            "branch '" + spec.branch() + "' not found in " + redact(spec.url()));
      }
      Revision rev = new Revision(id.name());
      boolean changed = !rev.equals(head);
      head = rev;
      return new FetchResult.Fetched(rev, changed);
    } catch (GitAPIException | IOException | RuntimeException e) {
      return new FetchResult.Failed(
          "fetching "
              + redact(spec.url())
              + " branch "
              + spec.branch()
              + " failed: "
              + rootMessage(e));
    }
  }

  /** The repository, for exporting trees: opened from disk if it was fetched before. */
  public Repository repository() throws IOException {
    if (git == null) {
      Path repoDir = dir.resolve("repo.git");
      if (!Files.isDirectory(repoDir.resolve("objects"))) {
        throw new IOException("source " + spec.name() + " has never been fetched");
      }
      git = Git.open(repoDir.toFile());
    }
    return git.getRepository();
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() {
    if (git != null) {
      git.close();
      git = null;
    }
    credentials.close();
  }

  /** The URL with any password in its user part masked (a user name alone is kept). */
  static String redact(String url) {
    return url.replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m;
  }
}
