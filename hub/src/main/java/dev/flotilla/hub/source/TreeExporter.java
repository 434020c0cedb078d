package dev.flotilla.hub.source;

import dev.flotilla.model.Revision;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of a commit to {@code <source>/trees/<commit>} once, atomically (a temp directory
 * renamed into place), so renders read plain files. Symbolic links are written as links; the
 * renderer refuses any that point outside the tree.
 */
public final class TreeExporter {
  /** Largest single file exported; a bigger one fails the revision. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  private TreeExporter() {}

  public static Path export(GitSource source, Revision revision) throws IOException {
    Path trees = source.directory().resolve("trees");
    Path target = trees.resolve(revision.id());
    if (Files.isDirectory(target)) {
      return target;
    }
    Files.createDirectories(trees);
    Path tmp = Files.createTempDirectory(trees, ".export-");
    try {
      Repository repo = source.repository();
      try (RevWalk rw = new RevWalk(repo);
          TreeWalk tw = new TreeWalk(repo)) {
        RevCommit commit = rw.parseCommit(ObjectId.fromString(revision.id()));
        tw.addTree(commit.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          Path file = tmp.resolve(tw.getPathString()).normalize();
          if (!file.startsWith(tmp)) {
            throw new IOException("refusing path outside the tree: " + tw.getPathString());
          }
          Files.createDirectories(file.getParent());
          FileMode mode = tw.getFileMode(0);
          ObjectLoader loader = repo.open(tw.getObjectId(0));
          if (mode == FileMode.SYMLINK) {
            Files.createSymbolicLink(file, Path.of(new String(loader.getBytes())));
          } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            if (loader.getSize() > MAX_FILE_BYTES) {
              throw new IOException(
                  tw.getPathString()
                      + " is "
                      + loader.getSize()
                      + " bytes, over the limit of "
                      + MAX_FILE_BYTES);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
              loader.copyTo(out);
            }
          }
        }
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      deleteTree(tmp);
    }
  }

  /** Deletes exported trees whose revision is not in {@code keep}. */
  public static void retainOnly(GitSource source, Set<String> keep) throws IOException {
    Path trees = source.directory().resolve("trees");
    if (!Files.isDirectory(trees)) {
      return;
    }
    try (Stream<Path> s = Files.list(trees)) {
      for (Path p : s.toList()) {
        if (!keep.contains(p.getFileName().toString())) {
          deleteTree(p);
        }
      }
    }
  }

  /** Deletes a directory and everything under it (links are removed, not followed). */
  public static void deleteDirectory(Path dir) throws IOException {
    deleteTree(dir);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
