package dev.flotilla.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusEvent;
import dev.flotilla.protocol.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link HubStore} must do; run against SQLite and PostgreSQL. */
public abstract class StoreContract extends FreshStore {

  @Test
  void registersAndFindsClustersByIdAndName() {
    ClusterRecord c = cluster("edge-1");
    store.clusters().insert(c);
    assertThat(store.clusters().get(c.id())).contains(c);
    assertThat(store.clusters().byName("edge-1")).contains(c);
    assertThat(store.clusters().list()).containsExactly(c);
  }

  @Test
  void refusesASecondClusterWithTheSameName() {
    store.clusters().insert(cluster("edge-1"));
    assertThatThrownBy(() -> store.clusters().insert(cluster("edge-1")))
        .isInstanceOf(ClusterStore.NameTaken.class)
        .hasMessageContaining("edge-1");
  }

  @Test
  void insertsClustersInBulkAcrossBatches() {
    List<ClusterRecord> many = new java.util.ArrayList<>();
    for (int i = 0; i < 5_003; i++) {
      many.add(cluster("sim-" + i));
    }
    store.clusters().insertAll(many);
    assertThat(store.clusters().list()).hasSize(5_003);
    assertThat(store.clusters().byName("sim-5002")).contains(many.get(5_002));
  }

  @Test
  void bulkInsertRefusesANameInUse() {
    store.clusters().insert(cluster("sim-1"));
    assertThatThrownBy(
            () -> store.clusters().insertAll(List.of(cluster("sim-0"), cluster("sim-1"))))
        .isInstanceOf(ClusterStore.NameTaken.class)
        .hasMessageContaining("sim-1");
    assertThat(store.clusters().byName("sim-0")).isEmpty();
  }

  @Test
  void updatesLabelsFactsRevocationAndLastSeen() {
    ClusterRecord c = cluster("edge-1");
    store.clusters().insert(c);
    store.clusters().setLabels(c.id(), Labels.of("region", "us"));
    Facts facts = new Facts("arm64", 2048, "v1.30.1+k3s1", "k3s", List.of("wasmtime"), 1, "dev");
    store.clusters().setFacts(c.id(), facts);
    store.clusters().touch(c.id(), c.lastSeen().plusSeconds(10));
    store.clusters().touch(c.id(), c.lastSeen().plusSeconds(5));
    store.clusters().revoke(c.id());
    ClusterRecord got = store.clusters().get(c.id()).orElseThrow();
    assertThat(got.labels()).isEqualTo(Labels.of("region", "us"));
    assertThat(got.facts()).isEqualTo(facts);
    assertThat(got.lastSeen()).isEqualTo(c.lastSeen().plusSeconds(10));
    assertThat(got.revoked()).isTrue();
  }

  private TokenRecord token(String id, OptionalInt uses, Optional<Instant> expires) {
    return new TokenRecord(
        id, "hash-" + id, Labels.of("tier", "edge"), uses, expires, clock.instant(), false, "");
  }

  @Test
  void aSingleUseTokenCanBeRedeemedOnce() {
    store.tokens().insert(token("abc123", OptionalInt.of(1), Optional.empty()));
    assertThat(store.tokens().redeem("abc123", "hash-abc123", clock.instant()))
        .isInstanceOf(TokenStore.Redemption.Accepted.class);
    assertThat(store.tokens().redeem("abc123", "hash-abc123", clock.instant()))
        .isInstanceOfSatisfying(
            TokenStore.Redemption.Refused.class,
            r -> assertThat(r.code()).isEqualTo("token_used_up"));
  }

  @Test
  void racingRedemptionsOfASingleUseTokenHaveOneWinner() throws Exception {
    store.tokens().insert(token("race01", OptionalInt.of(1), Optional.empty()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Callable<TokenStore.Redemption> redeem =
          () -> store.tokens().redeem("race01", "hash-race01", clock.instant());
      List<Future<TokenStore.Redemption>> results =
          pool.invokeAll(java.util.Collections.nCopies(8, redeem));
      long accepted = 0;
      for (Future<TokenStore.Redemption> f : results) {
        if (f.get() instanceof TokenStore.Redemption.Accepted) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesExpiredRevokedAndWrongTokens() {
    store
        .tokens()
        .insert(token("exp001", OptionalInt.empty(), Optional.of(clock.instant().plusSeconds(60))));
    store.tokens().insert(token("rev001", OptionalInt.empty(), Optional.empty()));
    store.tokens().revoke("rev001");
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.tokens().redeem("exp001", "hash-exp001", clock.instant()))
        .isInstanceOfSatisfying(
            TokenStore.Redemption.Refused.class,
            r -> assertThat(r.code()).isEqualTo("token_expired"));
    assertThat(store.tokens().redeem("rev001", "hash-rev001", clock.instant()))
        .isInstanceOfSatisfying(
            TokenStore.Redemption.Refused.class,
            r -> assertThat(r.code()).isEqualTo("token_revoked"));
    assertThat(store.tokens().redeem("rev001", "wrong", clock.instant()))
        .isInstanceOfSatisfying(
            TokenStore.Redemption.Refused.class,
            r -> assertThat(r.code()).isEqualTo("token_invalid"));
    assertThat(store.tokens().redeem("nope00", "x", clock.instant()))
        .isInstanceOf(TokenStore.Redemption.Refused.class);
  }

  @Test
  void storesBlobsOnceByDigest() {
    Digest d = Digest.of("manifests");
    assertThat(store.blobs().put(d, new byte[] {1, 2, 3}, 9)).isTrue();
    assertThat(store.blobs().put(d, new byte[] {1, 2, 3}, 9)).isFalse();
    assertThat(store.blobs().gzipped(d))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    assertThat(store.blobs().has(Digest.of("other"))).isFalse();
  }

  @Test
  void savesAssignmentsAndDocumentsTogether() {
    ClusterRecord c = cluster("edge-1");
    store.clusters().insert(c);
    Digest d = Digest.of("web");
    Assignment a =
        new Assignment(c.id(), "web", "rev1", d.hex(), State.ASSIGNED, "", clock.instant());
    Assignment na =
        new Assignment(c.id(), "gpu", "", "", State.NOT_ADMITTED, "needs gpu", clock.instant());
    DesiredRecord doc = new DesiredRecord(c.id(), 1, "etag1", new byte[] {9}, clock.instant());
    store.desired().save(c.id(), List.of(a, na), Optional.of(doc));
    assertThat(store.desired().assignments(c.id())).containsExactlyInAnyOrder(a, na);
    assertThat(store.desired().get(c.id()))
        .hasValueSatisfying(r -> assertThat(r.etag()).isEqualTo("etag1"));
    assertThat(store.desired().references(c.id(), d)).isTrue();
    assertThat(store.desired().references(c.id(), Digest.of("gpu"))).isFalse();
    store.desired().save(c.id(), List.of(na), Optional.empty());
    assertThat(store.desired().assignments(c.id())).containsExactly(na);
    assertThat(store.desired().references(c.id(), d)).isFalse();
    assertThat(store.desired().get(c.id())).isPresent();
  }

  @Test
  void statusIsIdempotentBySequenceNumber() {
    ClusterRecord c = cluster("edge-1");
    store.clusters().insert(c);
    Instant t = clock.instant();
    BundleStatus ready =
        new BundleStatus(
            "web",
            "rev1",
            Digest.of("x").hex(),
            BundleStatus.SyncState.APPLIED,
            BundleStatus.Health.READY,
            "",
            null,
            t);
    StatusReport r1 =
        new StatusReport(
            1,
            null,
            List.of(ready),
            List.of(),
            List.of(
                new StatusEvent(1, t, "web", "Applied", "ok"),
                new StatusEvent(2, t, "web", "Ready", "ok")));
    assertThat(store.statuses().record(c.id(), r1, t)).isEqualTo(new StatusAck(1, 2));
    assertThat(store.statuses().record(c.id(), r1, t)).isEqualTo(new StatusAck(1, 2));
    assertThat(store.statuses().eventCount(c.id())).isEqualTo(2);

    BundleStatus older =
        new BundleStatus(
            "web",
            "rev0",
            "",
            BundleStatus.SyncState.FAILED,
            BundleStatus.Health.FAILED,
            "old",
            null,
            t);
    StatusReport stale =
        new StatusReport(
            0, null, List.of(older), List.of(), List.of(new StatusEvent(3, t, "web", "X", "late")));
    assertThat(store.statuses().record(c.id(), stale, t)).isEqualTo(new StatusAck(1, 3));
    assertThat(store.statuses().ofCluster(c.id()))
        .singleElement()
        .satisfies(s -> assertThat(s.revision()).isEqualTo("rev1"));
    assertThat(store.statuses().eventCount(c.id())).isEqualTo(3);

    StatusReport removal = new StatusReport(2, null, List.of(), List.of("web"), List.of());
    store.statuses().record(c.id(), removal, t);
    assertThat(store.statuses().ofCluster(c.id())).isEmpty();
  }

  @Test
  void keepsTheLastGoodBundleWhenRecordingAnError() {
    BundleRecord b =
        new BundleRecord("web", "default", "apps/web", "name: web\n", "rev1", "", clock.instant());
    store.bundles().upsert(b);
    store.bundles().setError("web", "rev2: bad", clock.instant());
    BundleRecord got = store.bundles().get("web").orElseThrow();
    assertThat(got.revision()).isEqualTo("rev1");
    assertThat(got.specYaml()).isEqualTo("name: web\n");
    assertThat(got.error()).isEqualTo("rev2: bad");
    assertThat(store.bundles().remove("web")).isTrue();
    assertThat(store.bundles().list()).isEmpty();
  }

  @Test
  void recordsSourceFetchesAndFailures() {
    store.sources().upsert("default", "file:///repo", "main", "");
    store.sources().fetched("default", "abc", clock.instant());
    store.sources().failed("default", "network down", clock.instant());
    SourceRecord s = store.sources().get("default").orElseThrow();
    assertThat(s.revision()).contains("abc");
    assertThat(s.error()).isEqualTo("network down");
    store.sources().fetched("default", "def", clock.instant());
    assertThat(store.sources().get("default").orElseThrow().error()).isEmpty();
  }

  @Test
  void keepsAnAuditTrail() {
    store.audit().record(clock.instant(), "admin:x", "cluster.revoke", "edge-1", "");
    assertThat(store.audit().recent(10))
        .singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo("cluster.revoke"));
  }

  @Test
  void keepsSourceCredentialsAndWebhookSecretsAcrossPlainUpdates() {
    SourceAuth ssh =
        SourceAuth.sshKey("-----BEGIN OPENSSH PRIVATE KEY-----\nx\n", "host ssh-ed25519 AAAA");
    store
        .sources()
        .upsert(
            new SourceDefinition(
                "fleet", "ssh://git@git.example/fleet.git", "main", "apps", ssh, "s3cret"));
    store.sources().fetched("fleet", "abc", clock.instant());
    store.sources().upsert("fleet", "ssh://git@git.example/fleet2.git", "prod", "");
    SourceRecord s = store.sources().get("fleet").orElseThrow();
    assertThat(s.url()).isEqualTo("ssh://git@git.example/fleet2.git");
    assertThat(s.branch()).isEqualTo("prod");
    assertThat(s.auth()).isEqualTo(ssh);
    assertThat(s.webhookSecret()).isEqualTo("s3cret");
    assertThat(s.revision()).contains("abc");
    assertThat(s.toString()).doesNotContain("s3cret", "PRIVATE KEY");

    SourceAuth token = SourceAuth.token("ci", "glpat-123");
    store
        .sources()
        .upsert(
            new SourceDefinition("fleet", "https://git.example/fleet.git", "main", "", token, ""));
    SourceRecord t = store.sources().get("fleet").orElseThrow();
    assertThat(t.auth()).isEqualTo(token);
    assertThat(t.webhookSecret()).isEmpty();
    assertThat(t.revision()).contains("abc");
    assertThat(store.sources().list()).singleElement().isEqualTo(t);
  }

  @Test
  void sharedKeysAreWrittenOnceAndTheFirstWriterWins() {
    assertThat(store.sharedKeys().get("pki")).isEmpty();
    assertThat(store.sharedKeys().putIfAbsent("pki", new byte[] {1, 2})).isTrue();
    assertThat(store.sharedKeys().putIfAbsent("pki", new byte[] {3})).isFalse();
    assertThat(store.sharedKeys().get("pki"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
  }

  @Test
  void refusesADesiredDocumentThatIsNotNewerThanTheStoredOne() {
    ClusterRecord c = cluster("edge-1");
    store.clusters().insert(c);
    Assignment a =
        new Assignment(
            c.id(), "web", "rev1", Digest.of("web").hex(), State.ASSIGNED, "", clock.instant());
    store
        .desired()
        .save(
            c.id(),
            List.of(a),
            Optional.of(new DesiredRecord(c.id(), 2, "e2", new byte[] {2}, clock.instant())));
    Assignment b =
        new Assignment(
            c.id(), "web", "rev0", Digest.of("old").hex(), State.ASSIGNED, "", clock.instant());
    assertThatThrownBy(
            () ->
                store
                    .desired()
                    .save(
                        c.id(),
                        List.of(b),
                        Optional.of(
                            new DesiredRecord(
                                c.id(), 2, "stale", new byte[] {1}, clock.instant()))))
        .isInstanceOf(DesiredStore.StaleGeneration.class)
        .hasMessageContaining("generation 2");
    assertThat(store.desired().get(c.id()).orElseThrow().etag()).isEqualTo("e2");
    assertThat(store.desired().assignments(c.id())).containsExactly(a);
    store
        .desired()
        .save(
            c.id(),
            List.of(b),
            Optional.of(new DesiredRecord(c.id(), 3, "e3", new byte[] {3}, clock.instant())));
    assertThat(store.desired().get(c.id()).orElseThrow().generation()).isEqualTo(3);
  }
}
