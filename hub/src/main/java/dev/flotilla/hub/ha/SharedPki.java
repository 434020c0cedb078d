package dev.flotilla.hub.ha;

import dev.flotilla.hub.store.SharedKeyStore;
import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every replica on one database use the same CA and document signing key. The first replica
 * to start stores its {@code <data-dir>/pki} CA and signing files in the database; every other
 * replica writes those into its own {@code pki} directory before loading it (its server
 * certificate, which names its own host, is then re-issued by the shared CA). The files are copied
 * byte for byte, whatever their format.
 *
 * <p>The database then holds the CA key and the signing key: protect it (and its backups) as you
 * would the {@code pki} directory.
 */
public final class SharedPki {
  private static final Logger LOG = LoggerFactory.getLogger(SharedPki.class);
  static final String KEY = "pki";
  static final List<String> FILES =
      List.of("ca.crt", "ca.key", "signing.key", "signing.pub", "sealing.key", "sealing.pub");

  private SharedPki() {}

  /**
   * Aligns {@code pkiDir} with the shared keys, loads it with {@code load}, and shares this
   * replica's keys if it is the first.
   */
  public static <P> P loadShared(SharedKeyStore store, Path pkiDir, Supplier<P> load)
      throws IOException {
    var shared = store.get(KEY);
    if (shared.isPresent()) {
      adopt(pkiDir, shared.get());
      return load.get();
    }
    P pki = load.get();
    Map<String, byte[]> mine = read(pkiDir);
    if (store.putIfAbsent(KEY, encode(mine))) {
      LOG.info("this hub's CA and signing key are now shared with every replica on the database");
      return pki;
    }
    // another replica stored its keys between our read and our write: use theirs
    adopt(pkiDir, store.get(KEY).orElseThrow());
    return load.get();
  }

  private static void adopt(Path pkiDir, byte[] encoded) throws IOException {
    Map<String, byte[]> shared = decode(encoded);
    Files.createDirectories(pkiDir);
    boolean changed = false;
    for (String name : FILES) {
      byte[] want = shared.get(name);
      if (want == null) {
        throw new IOException("the shared keys in the database lack " + name);
      }
      Path file = pkiDir.resolve(name);
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), want)) {
        continue;
      }
      changed = true;
      Path tmp = Files.createTempFile(pkiDir, "." + name, ".tmp");
      try {
        Files.setPosixFilePermissions(
            tmp,
            PosixFilePermissions.fromString(name.endsWith(".key") ? "rw-------" : "rw-r--r--"));
        Files.write(tmp, want);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    if (changed) {
      LOG.info("using the CA and signing key shared through the database (written to {})", pkiDir);
    }
  }

  private static Map<String, byte[]> read(Path pkiDir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (String name : FILES) {
      out.put(name, Files.readAllBytes(pkiDir.resolve(name)));
    }
    return out;
  }

  private static byte[] encode(Map<String, byte[]> files) {
    Map<String, String> b64 = new TreeMap<>();
    files.forEach((k, v) -> b64.put(k, Base64.getEncoder().encodeToString(v)));
    return Json.write(b64);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, byte[]> decode(byte[] bytes) {
    Map<String, String> b64 = Json.read(bytes, Map.class, "shared keys");
    Map<String, byte[]> out = new TreeMap<>();
    b64.forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
    return out;
  }
}
