package dev.flotilla.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.RolloutRecord.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every store must do for staged rollouts (rollouts, their history, a bundle's previous good
 * revision); run against SQLite and PostgreSQL.
 */
public abstract class RolloutStoreContract extends FreshStore {

  private RolloutRecord fresh(String bundle, String revision) {
    Instant now = clock.instant();
    return new RolloutRecord(
        0, bundle, revision, "r0", Phase.PROGRESSING, 0, 0, "started", now, now, 0, "");
  }

  private RolloutEventRecord event(long rollout, String bundle, String type) {
    return new RolloutEventRecord(rollout, bundle, clock.instant(), type, 0, "controller", type);
  }

  @Test
  void startingARolloutSupersedesTheUnfinishedOneAndRecordsItsEvents() {
    RolloutRecord first =
        store.rollouts().start(fresh("web", "r1"), List.of(event(0, "web", "Started")), 10);
    assertThat(first.id()).isPositive();
    clock.advance(Duration.ofSeconds(5));
    RolloutRecord second =
        store
            .rollouts()
            .start(
                fresh("web", "r2"),
                List.of(event(first.id(), "web", "Superseded"), event(0, "web", "Started")),
                10);
    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(store.rollouts().latest("web")).contains(second);
    List<RolloutRecord> history = store.rollouts().history("web", 10);
    assertThat(history).extracting(RolloutRecord::revision).containsExactly("r2", "r1");
    assertThat(history.get(1).phase()).isEqualTo(Phase.SUPERSEDED);
    List<RolloutEventRecord> events = store.rollouts().events("web", 10);
    assertThat(events)
        .extracting(RolloutEventRecord::type, RolloutEventRecord::rolloutId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Started", second.id()),
            org.assertj.core.groups.Tuple.tuple("Superseded", first.id()),
            org.assertj.core.groups.Tuple.tuple("Started", first.id()));
  }

  @Test
  void aFinishedRolloutIsNotSuperseded() {
    RolloutRecord first = store.rollouts().start(fresh("web", "r1"), List.of(), 10);
    RolloutRecord done =
        store.rollouts().save(first.with(Phase.COMPLETE, 0, 0, "done"), List.of()).orElseThrow();
    store.rollouts().start(fresh("web", "r2"), List.of(), 10);
    assertThat(store.rollouts().history("web", 10).get(1).phase()).isEqualTo(Phase.COMPLETE);
    assertThat(done.version()).isEqualTo(first.version() + 1);
  }

  @Test
  void savingIsRefusedWhenSomeoneSavedInBetween() {
    RolloutRecord r = store.rollouts().start(fresh("web", "r1"), List.of(), 10);
    Optional<RolloutRecord> paused =
        store
            .rollouts()
            .save(
                r.with(Phase.PAUSED, 0, 0, "paused by admin"),
                List.of(event(r.id(), "web", "Paused")));
    assertThat(paused).isPresent();
    Optional<RolloutRecord> stale =
        store
            .rollouts()
            .save(
                r.with(Phase.PROGRESSING, 1, 0, "stage passed"),
                List.of(event(r.id(), "web", "StageAdvanced")));
    assertThat(stale).isEmpty();
    RolloutRecord stored = store.rollouts().latest("web").orElseThrow();
    assertThat(stored.phase()).isEqualTo(Phase.PAUSED);
    assertThat(stored.stage()).isZero();
    assertThat(store.rollouts().events("web", 10))
        .extracting(RolloutEventRecord::type)
        .containsExactly("Paused");
  }

  @Test
  void historyIsBoundedPerBundleAndLatestOfEachNamesEveryBundle() {
    for (int i = 1; i <= 5; i++) {
      store.rollouts().start(fresh("web", "r" + i), List.of(event(0, "web", "Started")), 3);
    }
    store.rollouts().start(fresh("db", "d1"), List.of(), 3);
    assertThat(store.rollouts().history("web", 10))
        .extracting(RolloutRecord::revision)
        .containsExactly("r5", "r4", "r3");
    assertThat(store.rollouts().events("web", 10)).hasSize(3);
    assertThat(store.rollouts().latestOfEach())
        .extracting(RolloutRecord::revision)
        .containsExactly("d1", "r5");
    store.rollouts().removeBundle("web");
    assertThat(store.rollouts().latest("web")).isEmpty();
    assertThat(store.rollouts().events("web", 10)).isEmpty();
  }

  @Test
  void aSettledRevisionBecomesThePreviousOneWhenANewerArrives() {
    BundleStore bundles = store.bundles();
    bundles.upsert(bundle("r1", "spec: 1"));
    assertThat(bundles.previous("web")).isEmpty();
    bundles.upsert(bundle("r2", "spec: 2")); // r1 never finished rolling out
    assertThat(bundles.previous("web")).isEmpty();

    bundles.setSettled("web", "r2", true);
    bundles.upsert(bundle("r3", "spec: 3"));
    assertThat(bundles.previous("web"))
        .contains(new PreviousRevision("web", "r2", "apps/web", "spec: 2"));

    bundles.upsert(bundle("r3", "spec: 3")); // a rescan of the same revision changes nothing
    bundles.upsert(bundle("r4", "spec: 4")); // r3 unsettled (still rolling out, or rolled back)
    assertThat(bundles.previous("web")).map(PreviousRevision::revision).contains("r2");

    bundles.setSettled("web", "r3", true); // not the newest any more: nothing happens
    bundles.upsert(bundle("r5", "spec: 5"));
    assertThat(bundles.previous("web")).map(PreviousRevision::revision).contains("r2");

    bundles.setSettled("web", "r5", true);
    bundles.setSettled("web", "r5", false); // rolled back after completing
    bundles.upsert(bundle("r6", "spec: 6"));
    assertThat(bundles.previous("web")).map(PreviousRevision::revision).contains("r2");
    assertThat(bundles.get("web").orElseThrow().revision()).isEqualTo("r6");
  }

  private BundleRecord bundle(String revision, String spec) {
    return new BundleRecord("web", "src", "apps/web", spec, revision, "", clock.instant());
  }
}
