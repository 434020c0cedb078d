package dev.flotilla.hub.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Key and certificate files: secrets written 0600, all written atomically. */
final class KeyFiles {
  private final Path dir;

  KeyFiles(Path dir) {
    this.dir = dir;
  }

  boolean exists(String name) {
    return Files.isRegularFile(dir.resolve(name));
  }

  String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  void write(String name, String content) throws IOException {
    writeAtomically(name, content, "rw-r--r--");
  }

  void writeSecret(String name, String content) throws IOException {
    writeAtomically(name, content, "rw-------");
  }

  private void writeAtomically(String name, String content, String perms) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
