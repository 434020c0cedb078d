package dev.flotilla.hub.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * The SSH host keys a source's Git server may present. The list belongs to one source, so host
 * names in {@code known_hosts} lines are not compared: any listed key is accepted for that source's
 * server, any other is refused. With no list, the first key seen is trusted and written to {@code
 * trusted_host_key} in the source's directory (like OpenSSH's {@code accept-new}); a different key
 * later is refused.
 */
final class KnownHosts {
  private final List<PublicKey> configured;
  private final Path firstSeenFile;

  private KnownHosts(List<PublicKey> configured, Path firstSeenFile) {
    this.configured = configured;
    this.firstSeenFile = firstSeenFile;
  }

  /**
   * @param text lines in {@code known_hosts} form ({@code host keytype base64}) or {@code
   *     authorized_keys} form ({@code keytype base64 [comment]}); {@code #} comments allowed
   */
  static KnownHosts parse(String text, Path stateDir) {
    List<PublicKey> keys = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\n")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      int at = looksLikeKeyType(parts[0]) ? 0 : 1;
      if (parts[0].startsWith("@") || parts.length < at + 2 || !looksLikeKeyType(parts[at])) {
        throw new IllegalArgumentException(
            "known hosts line "
                + lineNo
                + " is not 'host keytype base64' or 'keytype base64' (markers such as"
                + " @cert-authority are not supported)");
      }
      keys.add(decode(parts[at] + " " + parts[at + 1], "known hosts line " + lineNo));
    }
    return new KnownHosts(List.copyOf(keys), stateDir.resolve("trusted_host_key"));
  }

  boolean configured() {
    return !configured.isEmpty();
  }

  /** The keys to offer the server's algorithm negotiation. */
  List<PublicKey> keys() {
    if (configured()) {
      return configured;
    }
    return firstSeen().map(List::of).orElse(List.of());
  }

  /**
   * Whether {@code key} may be the server's; trusts (and records) the first key if unconfigured.
   */
  synchronized Verdict check(PublicKey key) {
    for (PublicKey k : keys()) {
      if (KeyUtils.compareKeys(k, key)) {
        return new Verdict(true, "");
      }
    }
    if (configured()) {
      return new Verdict(
          false,
          "host key " + KeyUtils.getFingerPrint(key) + " is not in the source's known hosts");
    }
    if (firstSeen().isPresent()) {
      return new Verdict(
          false,
          "host key "
              + KeyUtils.getFingerPrint(key)
              + " differs from the key trusted at first contact ("
              + KeyUtils.getFingerPrint(firstSeen().get())
              + "); if the server's key really changed, set the source's known hosts");
    }
    try {
      Files.createDirectories(firstSeenFile.getParent());
      Files.writeString(
          firstSeenFile,
          PublicKeyEntry.toString(key) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      return new Verdict(false, "cannot record the trusted host key: " + e.getMessage());
    }
    return new Verdict(true, "trusted at first contact: " + KeyUtils.getFingerPrint(key));
  }

  /** A decision on a presented host key, and what to say about it. */
  record Verdict(boolean accepted, String message) {}

  private java.util.Optional<PublicKey> firstSeen() {
    if (!Files.isRegularFile(firstSeenFile)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(
          decode(Files.readString(firstSeenFile).strip(), firstSeenFile.toString()));
    } catch (IOException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  private static boolean looksLikeKeyType(String s) {
    return s.startsWith("ssh-") || s.startsWith("ecdsa-") || s.startsWith("sk-");
  }

  private static PublicKey decode(String entry, String where) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(entry)
          .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(where + ": not a public key: " + e.getMessage(), e);
    }
  }
}
