package dev.flotilla.agent.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Sealed files in one directory, by logical name ({@code desired}, {@code blobs/<digest>}). A write
 * goes to a temp file (0600) in the same directory, is fsynced, renamed over the old file, and the
 * directory fsynced: a crash or power cut leaves the old content or the new, never half of each,
 * and a temp file that {@link #removeLeftovers} deletes on the next start.
 */
public final class SealedFiles {
  static final String SUFFIX = ".sealed";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path root;
  private final Sealer sealer;

  public SealedFiles(Path root, Sealer sealer) {
    this.root = root;
    this.sealer = sealer;
  }

  public void write(String name, byte[] plain) throws IOException {
    Path file = path(name);
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(AgentKey.Owner.DIRECTORY));
    }
    Path tmp =
        Files.createTempFile(
            dir,
            "." + file.getFileName(),
            TEMP_SUFFIX,
            PosixFilePermissions.asFileAttribute(AgentKey.Owner.FILE));
    try {
      Files.write(tmp, sealer.seal(name, plain));
      fsync(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsync(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The content of {@code name}, or empty if absent. A file that fails authentication (changed,
   * truncated, moved from another name, sealed with another key) is deleted and {@link
   * Sealer.Corrupt} thrown, so the caller refetches it instead of using it.
   */
  public Optional<byte[]> read(String name) throws IOException {
    Path file = path(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] sealed = Files.readAllBytes(file);
    try {
      return Optional.of(sealer.open(name, sealed));
    } catch (Sealer.Corrupt e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  public boolean exists(String name) {
    return Files.exists(path(name));
  }

  public void delete(String name) throws IOException {
    Files.deleteIfExists(path(name));
  }

  /** Logical names of the files directly in {@code dir} ({@code blobs} gives {@code blobs/…}). */
  public List<String> list(String dir) throws IOException {
    Path d = root.resolve(dir);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(d)) {
      for (Path p : s.toList()) {
        String f = p.getFileName().toString();
        if (f.endsWith(SUFFIX) && !f.startsWith(".")) {
          out.add(dir + "/" + f.substring(0, f.length() - SUFFIX.length()));
        }
      }
    }
    return out;
  }

  /** Deletes temp files a crash left behind mid-write; returns how many. */
  public int removeLeftovers() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String f = p.getFileName().toString();
        if (f.startsWith(".") && f.endsWith(TEMP_SUFFIX) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  /** The on-disk path of a logical name (tests flip bytes in it). */
  public Path path(String name) {
    if (name.isEmpty() || name.contains("..") || name.startsWith("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("bad local file name: '" + name + "'");
    }
    return root.resolve(name + SUFFIX);
  }

  /** Forces a file's or a directory's content and metadata to the device. */
  static void fsync(Path path) throws IOException {
    boolean dir = Files.isDirectory(path);
    try (FileChannel ch =
        FileChannel.open(path, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
