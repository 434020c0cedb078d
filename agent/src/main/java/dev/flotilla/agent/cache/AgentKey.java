package dev.flotilla.agent.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that seals the local store: created with mode 0600 on first start ({@link
 * #loadOrCreate}), or read from a file the operator provides ({@link #load}: a Kubernetes Secret
 * mounted with {@code defaultMode: 0400}, a TPM-unsealed file). Either way the file must hold
 * exactly 32 bytes and be readable by its owner only.
 */
public final class AgentKey {
  public static final int BYTES = 32;
  private static final Set<PosixFilePermission> TOO_OPEN =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private AgentKey() {}

  /** The key at {@code file}, created (0600, in a 0700 directory if new) when absent. */
  public static SecretKey loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(Owner.DIRECTORY));
    }
    byte[] key = new byte[BYTES];
    new SecureRandom().nextBytes(key);
    Path tmp =
        Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(Owner.FILE));
    try {
      Files.write(tmp, key);
      SealedFiles.fsync(tmp);
      // no REPLACE_EXISTING: two agents racing on one data dir must not swap keys under each other
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      SealedFiles.fsync(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new SecretKeySpec(key, "AES");
  }

  /** A key the operator provides; it must exist. */
  public static SecretKey load(Path file) throws IOException {
    byte[] key;
    try {
      key = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "key file " + file + " does not exist (--key-file must name an existing 32-byte file)",
          e);
    }
    if (key.length != BYTES) {
      throw new IOException(
          "key file " + file + " must hold exactly " + BYTES + " bytes, has " + key.length);
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.stream().anyMatch(TOO_OPEN::contains)) {
      throw new IOException(
          "key file "
              + file
              + " is open to others ("
              + PosixFilePermissions.toString(perms)
              + "); chmod 600 it (or mount its Secret with defaultMode: 0400)");
    }
    return new SecretKeySpec(key, "AES");
  }

  /** File modes for what only the agent's user may read. */
  static final class Owner {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private Owner() {}
  }
}
