package dev.flotilla.hub.admin;

import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code admin.conf}: how admin commands reach a hub, like a kubeconfig. Written by the hub into
 * its data directory (0600); read from {@code --config} or {@code FLOTILLA_CONFIG}.
 *
 * @param hub the hub's URL, e.g. {@code https://127.0.0.1:8443}
 * @param caCertificate the hub CA in PEM: the only trust anchor for the connection
 * @param token an admin token ({@code flta.…})
 */
public record AdminConf(String hub, String caCertificate, String token) {
  public static final String FILE_NAME = "admin.conf";

  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".admin", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, Json.writePretty(this) + "\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static AdminConf read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read admin config "
              + file
              + ": "
              + e.getMessage()
              + " (the hub writes it to <data-dir>/admin.conf; pass --config or set FLOTILLA_CONFIG)");
    }
    AdminConf conf = Json.read(bytes, AdminConf.class, "admin config " + file);
    if (conf.hub() == null || conf.caCertificate() == null || conf.token() == null) {
      throw new IllegalArgumentException(
          "admin config " + file + " must have the fields hub, caCertificate and token");
    }
    return conf;
  }
}
