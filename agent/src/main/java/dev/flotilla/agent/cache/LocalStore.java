package dev.flotilla.agent.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flotilla.agent.identity.Identity;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Typed access to the agent's sealed files. Every read that fails authentication throws {@link
 * Sealer.Corrupt} after deleting the file; blobs are also checked against their digest on every
 * read. What the hub can resend (the desired document, blobs) is fetched again; what only the agent
 * knows (inventory, status queue) is rebuilt by the caller.
 */
public final class LocalStore {
  private static final String IDENTITY = "identity";
  private static final String DESIRED = "desired";
  private static final String INVENTORY = "inventory";
  private static final String STATUS = "status";
  private static final String ENROLLMENT_KEY = "enrollment-key";
  private static final String BLOBS = "blobs";

  private final SealedFiles files;
  private final Path root;

  public LocalStore(Path root, Sealer sealer) {
    this.root = root;
    this.files = new SealedFiles(root, sealer);
  }

  /**
   * The store under {@code root}, created (0700) if new; temp files a crash left mid-write are
   * removed.
   */
  public static LocalStore open(Path root, Sealer sealer) throws IOException {
    if (!Files.isDirectory(root)) {
      Files.createDirectories(root, PosixFilePermissions.asFileAttribute(AgentKey.Owner.DIRECTORY));
    }
    LocalStore store = new LocalStore(root, sealer);
    store.files.removeLeftovers();
    return store;
  }

  public Optional<Identity> identity() throws IOException {
    return files.read(IDENTITY).map(b -> Json.read(b, Identity.class, "local identity"));
  }

  public void saveIdentity(Identity identity) throws IOException {
    files.write(IDENTITY, Json.write(identity));
  }

  /** The key pair generated for enrollment, kept until enrollment succeeds (PEM). */
  public Optional<String> enrollmentKey() throws IOException {
    return files.read(ENROLLMENT_KEY).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  public void saveEnrollmentKey(String pem) throws IOException {
    files.write(ENROLLMENT_KEY, pem.getBytes(StandardCharsets.UTF_8));
  }

  public void deleteEnrollmentKey() throws IOException {
    files.delete(ENROLLMENT_KEY);
  }

  public Optional<StoredDesired> desired() throws IOException {
    return files
        .read(DESIRED)
        .map(b -> Json.read(b, StoredDesired.class, "local desired document"));
  }

  public void deleteDesired() throws IOException {
    files.delete(DESIRED);
  }

  public void saveDesired(StoredDesired desired) throws IOException {
    files.write(DESIRED, Json.write(desired));
  }

  public Optional<byte[]> blob(Digest digest) throws IOException {
    String name = blobName(digest);
    Optional<byte[]> bytes = files.read(name);
    if (bytes.isPresent() && !Digest.of(bytes.get()).equals(digest)) {
      files.delete(name);
      throw new Sealer.Corrupt(name, "does not hash to its digest");
    }
    return bytes;
  }

  public void deleteBlob(Digest digest) throws IOException {
    files.delete(blobName(digest));
  }

  public boolean hasBlob(Digest digest) {
    return files.exists(blobName(digest));
  }

  public void saveBlob(Digest digest, byte[] content) throws IOException {
    if (!Digest.of(content).equals(digest)) {
      throw new IllegalArgumentException("blob content does not match digest " + digest);
    }
    files.write(blobName(digest), content);
  }

  /** Deletes blobs not in {@code keep}. */
  public void retainBlobs(Set<Digest> keep) throws IOException {
    Set<String> kept = keep.stream().map(LocalStore::blobName).collect(Collectors.toSet());
    for (String name : files.list(BLOBS)) {
      if (!kept.contains(name)) {
        files.delete(name);
      }
    }
  }

  /**
   * Per bundle, the string forms of the objects it applied.
   *
   * @throws Sealer.Corrupt if the file failed to open (it is gone now)
   */
  public Map<String, List<String>> inventories() throws IOException {
    Optional<byte[]> b = files.read(INVENTORY);
    if (b.isEmpty()) {
      return new TreeMap<>();
    }
    return Json.mapper().readValue(b.get(), new TypeReference<TreeMap<String, List<String>>>() {});
  }

  public void saveInventories(Map<String, List<String>> inventories) throws IOException {
    files.write(INVENTORY, Json.write(new TreeMap<>(inventories)));
  }

  public Optional<byte[]> status() throws IOException {
    return files.read(STATUS);
  }

  public void saveStatus(byte[] state) throws IOException {
    files.write(STATUS, state);
  }

  /** The file behind a logical name, for tests that tamper with it. */
  public Path fileOf(String logicalName) {
    return files.path(logicalName);
  }

  public static String blobName(Digest digest) {
    return BLOBS + "/" + digest.hex();
  }
}
