package dev.flotilla.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.identity.Identity;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.sign.DocumentSigner;
import dev.flotilla.protocol.sign.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent verifies every document's signature, cluster and generation and every blob's digest
 * before storing or applying: forged, replayed, tampered and misdirected documents and a tampered
 * blob, served by a hostile hub, are refused and reported; the last good state stays applied.
 */
class SignedStateIT {
  @TempDir Path dir;
  EdgeFixture fleet;
  HostileHub hostile;
  EdgeFixture.Site site;
  String clusterId;
  SignedDocument generation1;
  DesiredDocument good;

  @BeforeEach
  void start() throws Exception {
    fleet = new EdgeFixture(dir);
    site = fleet.site("target");
    site.steps(3);
    clusterId = site.agent.identity().orElseThrow().clusterId();
    generation1 = stored();
    fleet.commit("fleet/app/config.yaml", EdgeFixture.configMap("settings", "v2"));
    site.steps(3);
    assertThat(site.configValue("settings")).contains("v2");
    good = decode(stored());
    assertThat(good.generation()).isEqualTo(2);

    // from now on the network leads the device to a hostile hub
    hostile = new HostileHub(fleet.hub);
    Identity id = site.agent.identity().orElseThrow();
    site.agent.close();
    site.agent.store().saveIdentity(id.withHubUrl(hostile.url()));
    site = fleet.new Site("target", "");
  }

  @AfterEach
  void stop() throws Exception {
    hostile.close();
    fleet.close();
  }

  private SignedDocument stored() {
    return Json.read(
        fleet.hub.store().desired().get(new ClusterId(clusterId)).orElseThrow().document(),
        SignedDocument.class,
        "stored");
  }

  private static DesiredDocument decode(SignedDocument s) {
    return Json.read(Base64.getDecoder().decode(s.payload()), DesiredDocument.class, "doc");
  }

  /** A document pointing the bundle at {@code manifests}, served with them as its blob. */
  private DesiredDocument evil(String cluster, long generation, byte[] manifests) {
    String digest = Digest.of(manifests).hex();
    hostile.blobs.put(digest, manifests);
    DesiredBundle b = good.bundles().get(0);
    return new DesiredDocument(
        cluster,
        generation,
        Instant.now(),
        List.of(new DesiredBundle(b.name(), "evil", digest, BundleOptions.DEFAULT, List.of())));
  }

  private static byte[] evilManifests() {
    return ("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\n"
            + "data:\n  value: pwned\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void assertRefusedAndKept(String reason) throws Exception {
    int before = site.pendingEvents("DocumentRejected").size();
    site.steps(4);
    assertThat(site.configValue("settings")).contains("v2");
    List<dev.flotilla.protocol.StatusEvent> rejected = site.pendingEvents("DocumentRejected");
    assertThat(rejected).hasSizeGreaterThan(before);
    assertThat(rejected.get(rejected.size() - 1).message()).contains(reason);
  }

  @Test
  void aDocumentSignedByAnotherKeyIsRefused() throws Exception {
    hostile.document.set(
        new DocumentSigner(SigningKeys.generate()).sign(evil(clusterId, 3, evilManifests())));

    assertRefusedAndKept("signature does not verify");
  }

  @Test
  void aReplayedOlderDocumentIsRefused() throws Exception {
    hostile.document.set(generation1);

    assertRefusedAndKept("older than the stored generation 2");
  }

  @Test
  void aTamperedDocumentIsRefused() throws Exception {
    SignedDocument real = stored();
    String payload = new String(Base64.getDecoder().decode(real.payload()), StandardCharsets.UTF_8);
    String tampered =
        payload.replace(good.bundles().get(0).digest(), Digest.of(evilManifests()).hex());
    hostile.blobs.put(Digest.of(evilManifests()).hex(), evilManifests());
    hostile.document.set(
        new SignedDocument(
            Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8)),
            real.signature(),
            real.keyId()));

    assertRefusedAndKept("signature does not verify");
  }

  @Test
  void aDocumentForAnotherClusterIsRefusedEvenWhenValidlySigned() throws Exception {
    DocumentSigner hubKey = fleet.hub.pki().signer();
    hostile.document.set(hubKey.sign(evil("c-someoneelse0000000", 9, evilManifests())));

    assertRefusedAndKept("is for cluster c-someoneelse0000000");
  }

  @Test
  void aTamperedBlobIsRefusedEvenUnderAValidDocument() throws Exception {
    DocumentSigner hubKey = fleet.hub.pki().signer();
    DesiredDocument doc = evil(clusterId, 3, EdgeFixture.configMap("settings", "v3").getBytes());
    String digest = doc.bundles().get(0).digest();
    hostile.blobs.put(digest, evilManifests()); // the bytes do not match the signed digest
    hostile.document.set(hubKey.sign(doc));

    assertRefusedAndKept("does not hash to");
  }
}
