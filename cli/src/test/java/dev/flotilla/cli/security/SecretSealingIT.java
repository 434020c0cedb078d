package dev.flotilla.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.agent.identity.Identity;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.KubeObject;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.blob.ManifestParser;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.seal.SecretCipher;
import dev.flotilla.protocol.seal.SecretObjects;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets travel and rest sealed to their cluster: no plaintext value in any blob at the hub or any
 * file of the agent, a blob of one cluster does not open with another's key, and the agent applies
 * the real value.
 */
class SecretSealingIT {
  @TempDir Path dir;
  EdgeFixture fleet;
  String password;

  @BeforeEach
  void start() throws Exception {
    fleet = new EdgeFixture(dir);
    password = "hunter2-" + UUID.randomUUID();
    fleet.commit(
        "fleet/app/secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n"
            + "  password: "
            + password
            + "\ndata:\n  token: "
            + Base64.getEncoder()
                .encodeToString(("tok-" + password).getBytes(StandardCharsets.UTF_8))
            + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    fleet.close();
  }

  private String secretValue(EdgeFixture.Site site, String key) {
    KubeObject secret =
        site.cluster.objects().stream()
            .filter(o -> o.kind().equals("Secret") && o.name().equals("db"))
            .findFirst()
            .orElseThrow();
    Map<?, ?> data = (Map<?, ?>) secret.body().get("data");
    return new String(
        Base64.getDecoder().decode(String.valueOf(data.get(key))), StandardCharsets.UTF_8);
  }

  private List<String> forbidden() {
    return List.of(
        password,
        Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)),
        "tok-" + password,
        Base64.getEncoder().encodeToString(("tok-" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] blobAtHub(String clusterId) throws Exception {
    SignedDocument s =
        Json.read(
            fleet.hub.store().desired().get(new ClusterId(clusterId)).orElseThrow().document(),
            SignedDocument.class,
            "doc");
    DesiredDocument d =
        Json.read(Base64.getDecoder().decode(s.payload()), DesiredDocument.class, "doc");
    byte[] gz =
        fleet.hub.store().blobs().gzipped(Digest.parse(d.bundles().get(0).digest())).orElseThrow();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void theAgentAppliesTheRealValue() throws Exception {
    EdgeFixture.Site a = fleet.site("site-a");
    a.steps(3);

    assertThat(secretValue(a, "password")).isEqualTo(password);
    assertThat(secretValue(a, "token")).isEqualTo("tok-" + password);
    assertThat(
            a.cluster.objects().stream()
                .filter(o -> o.name().equals("db"))
                .findFirst()
                .orElseThrow()
                .annotations())
        .doesNotContainKey(SecretObjects.ANNOTATION);
  }

  @Test
  void noPlaintextValueInAnyBlobOrCacheFile() throws Exception {
    EdgeFixture.Site a = fleet.site("site-a");
    a.steps(3);
    String id = a.agent.identity().orElseThrow().clusterId();

    String blob = new String(blobAtHub(id), StandardCharsets.UTF_8);
    assertThat(blob).contains(SecretCipher.PREFIX).contains("kind: Secret");
    for (String f : forbidden()) {
      assertThat(blob).doesNotContain(f);
    }
    // every file the agent wrote, and the cached blob even after the store's own seal is opened
    try (Stream<Path> files = Files.walk(dir.resolve("sites"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        for (String f : forbidden()) {
          assertThat(raw).as(p.toString()).doesNotContain(f);
        }
      }
    }
    Digest d = Digest.of(blobAtHub(id));
    String cached = new String(a.agent.store().blob(d).orElseThrow(), StandardCharsets.UTF_8);
    for (String f : forbidden()) {
      assertThat(cached).doesNotContain(f);
    }
  }

  @Test
  void anotherClusterCannotOpenTheBlob() throws Exception {
    EdgeFixture.Site a = fleet.site("site-a");
    EdgeFixture.Site b = fleet.site("site-b");
    a.steps(3);
    b.steps(3);
    Identity ida = a.agent.identity().orElseThrow();
    Identity idb = b.agent.identity().orElseThrow();
    byte[] blobA = blobAtHub(ida.clusterId());
    byte[] blobB = blobAtHub(idb.clusterId());

    assertThat(Digest.of(blobA)).isNotEqualTo(Digest.of(blobB)); // Secrets make blobs per cluster
    List<KubeObject> objectsA = ManifestParser.parse(Digest.of(blobA), blobA);
    assertThat(SecretObjects.open(objectsA, ida.secretCipher().orElseThrow())).isNotEmpty();
    assertThatThrownBy(() -> SecretObjects.open(objectsA, idb.secretCipher().orElseThrow()))
        .isInstanceOf(SecretCipher.Rejected.class)
        .hasMessageContaining("does not open with this cluster's key");
    // and B's agent, served A's blob, refuses to apply it: the cluster keeps its own value
    assertThat(secretValue(b, "password")).isEqualTo(password);
  }

  @Test
  void anUnchangedSecretKeepsItsBlob() throws Exception {
    EdgeFixture.Site a = fleet.site("site-a");
    a.steps(3);
    String id = a.agent.identity().orElseThrow().clusterId();
    long generation = fleet.hub.store().desired().get(new ClusterId(id)).orElseThrow().generation();

    fleet.commit("README.md", "unrelated\n");
    fleet.hub.fleetLoop().distributeAll().get();

    assertThat(fleet.hub.store().desired().get(new ClusterId(id)).orElseThrow().generation())
        .isEqualTo(generation);
  }
}
