package dev.flotilla.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.Agent;
import dev.flotilla.agent.AgentConfig;
import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.cache.StoredDesired;
import dev.flotilla.agent.status.PendingEvent;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Labels;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.DesiredDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache file flipped by one byte is detected, discarded, reported, and never applied. */
class CorruptCacheTest {
  private static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", "edge", "web-config");

  @TempDir Path dir;

  @Test
  void manifestsFlippedAnywhereAreNeverApplied() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    DesiredDocument doc = f.storeDesired();
    Path file = f.store.fileOf(LocalStore.blobName(f.digest));
    byte[] good = Files.readAllBytes(file);

    for (int position = 0; position < good.length; position += 7) {
      Files.write(file, good);
      StoreFixture.flip(file, position);

      Reconciler.Outcome outcome = f.reconciler().reconcile(doc);

      assertThat(f.cluster.applyCount()).as("applies after a flip at %d", position).isZero();
      assertThat(f.cluster.dryRunCount()).isZero();
      assertThat(outcome.missingBlobs()).containsExactly(f.digest);
      assertThat(file).doesNotExist();
    }
    assertThat(f.status.bundleState(StoreFixture.BUNDLE).orElseThrow())
        .satisfies(
            s -> {
              assertThat(s.sync()).isEqualTo(BundleStatus.SyncState.FAILED);
              assertThat(s.message()).startsWith("local manifests discarded (local file 'blobs/");
            });
    assertThat(f.status.pendingEvents())
        .extracting(PendingEvent::type)
        .containsOnly("CacheCorrupt");
  }

  @Test
  void anAppliedBundleWhoseManifestsRotKeepsItsObjectsUntilTheyAreFetchedAgain() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    DesiredDocument doc = f.storeDesired();
    assertThat(f.reconciler().reconcile(doc).settled()).isTrue();
    long writes = f.cluster.applyCount();
    StoreFixture.flip(f.store.fileOf(LocalStore.blobName(f.digest)), 40);

    Reconciler.Outcome rotten = f.reconciler().reconcile(doc);
    Set<Digest> driftDiscarded = f.reconciler().correctDrift(doc);

    assertThat(rotten.missingBlobs()).containsExactly(f.digest);
    assertThat(driftDiscarded).isEmpty();
    assertThat(f.cluster.get(CONFIG)).isPresent();
    assertThat(f.cluster.applyCount()).isEqualTo(writes);

    f.store.saveBlob(f.digest, f.blob);
    assertThat(f.reconciler().reconcile(doc).settled()).isTrue();
    assertThat(f.status.bundleState(StoreFixture.BUNDLE).orElseThrow().sync())
        .isEqualTo(BundleStatus.SyncState.APPLIED);
  }

  @Test
  void aFlippedDesiredDocumentIsDiscardedAndReported() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    f.storeDesired();
    StoreFixture.flip(f.store.fileOf("desired"), 30);

    assertThat(f.desiredSync(StoreFixture.deadHub()).stored()).isEmpty();

    assertThat(f.store.fileOf("desired")).doesNotExist();
    assertThat(f.status.pendingEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("CacheCorrupt");
              assertThat(e.message()).contains("'desired' failed authentication");
            });
  }

  @Test
  void aDesiredDocumentThatNoLongerVerifiesIsNotApplied() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    DesiredDocument doc = f.storeDesired();
    f.store.saveDesired(new StoredDesired(f.signedByAnotherHub(doc), "etag-1"));

    assertThat(f.desiredSync(StoreFixture.deadHub()).stored()).isEmpty();

    assertThat(f.status.pendingEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("signature does not verify"));
  }

  @Test
  void aFlippedInventoryIsReportedAndTheBundleStillApplies() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    DesiredDocument doc = f.storeDesired();
    f.reconciler().reconcile(doc);
    StoreFixture.flip(f.store.fileOf("inventory"), 20);

    Reconciler.Outcome outcome = f.reconciler().reconcile(doc);

    assertThat(outcome.settled()).isTrue();
    assertThat(f.store.inventories().get(StoreFixture.BUNDLE)).hasSize(3);
    assertThat(f.status.pendingEvents())
        .filteredOn(e -> e.type().equals("CacheCorrupt"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("'inventory'"));
  }

  @Test
  void aFlippedStatusQueueStartsAgainAndSaysSo() throws Exception {
    AgentConfig config =
        new AgentConfig(
            "https://127.0.0.1:1",
            Optional.empty(),
            dir,
            "edge-1",
            Labels.EMPTY,
            Optional.empty(),
            SyncSettings.DEFAULT);
    StoreFixture f = new StoreFixture(dir);
    try (Agent agent = Agent.open(config, f.cluster, f.clock, f.clock::advance, new Random(1))) {
      agent.status().event("web", "Applied", "revision a");
      agent.store().saveStatus(agent.status().serialize());
      StoreFixture.flip(agent.store().fileOf("status"), 50);
    }

    try (Agent agent = Agent.open(config, f.cluster, f.clock, f.clock::advance, new Random(1))) {
      assertThat(agent.status().pendingEvents())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo("CacheCorrupt");
                assertThat(e.message()).contains("'status' failed authentication");
              });
      assertThat(agent.status().nextReport().events()).isEmpty();
    }
  }
}
