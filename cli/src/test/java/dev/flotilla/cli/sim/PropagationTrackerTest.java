package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropagationTrackerTest {
  private static final long S = 1_000_000_000L;

  @Test
  void measuresACommitFromTheFirstClusterThatMovedToIt() {
    PropagationTracker t = new PropagationTracker();
    for (int i = 0; i < 4; i++) {
      t.sighted("a", null, i * S);
    }
    t.sighted("b", "a", 10 * S);
    t.sighted("b", "a", 12 * S);
    t.sighted("b", "a", 20 * S);
    List<PropagationTracker.Propagation> commits = t.commits(4, 50, 90, 100);
    assertThat(commits).hasSize(1);
    PropagationTracker.Propagation b = commits.get(0);
    assertThat(b.revision()).isEqualTo("b");
    assertThat(b.reached()).isEqualTo(3);
    assertThat(b.secondsTo()).containsEntry("p50", 2.0).containsEntry("p90", null);
    assertThat(b.secondsTo().get("p100")).isNull();
    t.sighted("b", "a", 25 * S);
    assertThat(t.commits(4, 100).get(0).secondsTo()).containsEntry("p100", 15.0);
  }

  @Test
  void countsClustersThatFetchedTheCommitFirstAsArrivedAtItsStart() {
    PropagationTracker t = new PropagationTracker();
    t.sighted("a", null, 0);
    t.sighted("b", null, 5 * S);
    t.sighted("b", "a", 9 * S);
    assertThat(t.commits(2, 100).get(0).secondsTo()).containsEntry("p100", 0.0);
  }

  @Test
  void reportsNoCommitWhenEveryClusterOnlyFetchedItsFirstDocument() {
    PropagationTracker t = new PropagationTracker();
    t.sighted("a", null, 0);
    t.sighted("a", null, S);
    assertThat(t.commits(2, 50)).isEmpty();
  }

  @Test
  void stormConvergesWhenEveryMemberCheckedInAfterItsStart() {
    StormTracker storm = new StormTracker();
    storm.join(1);
    storm.join(2);
    storm.checkedIn(1, 5 * S);
    storm.started(10 * S);
    storm.checkedIn(1, 12 * S);
    storm.checkedIn(3, 13 * S);
    assertThat(storm.outcome()).isEqualTo(new StormTracker.Outcome(2, 1, null));
    storm.checkedIn(2, 17 * S);
    assertThat(storm.outcome()).isEqualTo(new StormTracker.Outcome(2, 2, 7.0));
  }
}
