package dev.flotilla.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.rollout.RolloutAction.Outcome;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutActionTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final RolloutProgress THREE_STAGES_TWO_FAILED =
      new RolloutProgress(
          0, List.of("10%", "50%", "100%"), 10, 3, 0, 0, 2, 5, 0, 2, 0, List.of(), List.of(), "");

  static RolloutRecord at(Phase phase, int stage, String previous) {
    return new RolloutRecord(3, "web", "abcdef123", previous, phase, stage, 0, "", NOW, NOW, 4, "");
  }

  static RolloutRecord applied(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Applied.class);
    return ((Outcome.Applied) o).next();
  }

  static String refused(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused) o).reason();
  }

  @Test
  void pauseAndResumeAcceptingTheFailuresSoFar() {
    RolloutRecord paused =
        applied(
            RolloutAction.PAUSE.apply(
                at(Phase.PROGRESSING, 1, "r1"), THREE_STAGES_TWO_FAILED, "admin:op", "night", NOW));
    assertThat(paused.phase()).isEqualTo(Phase.PAUSED);
    assertThat(paused.reason()).isEqualTo("paused by admin:op: night");
    assertThat(paused.version()).as("saved against the version read").isEqualTo(4);
    RolloutRecord resumed =
        applied(RolloutAction.RESUME.apply(paused, THREE_STAGES_TWO_FAILED, "admin:op", "", NOW));
    assertThat(resumed.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(resumed.acceptedFailures()).isEqualTo(2);
    assertThat(
            refused(
                RolloutAction.RESUME.apply(resumed, THREE_STAGES_TWO_FAILED, "admin:op", "", NOW)))
        .isEqualTo("cannot resume the rollout of web at revision abcdef1: it is progressing");
  }

  @Test
  void promotePassesTheCurrentGateAndTheLastOneCompletes() {
    RolloutRecord next =
        applied(
            RolloutAction.PROMOTE.apply(
                at(Phase.PAUSED, 0, ""), THREE_STAGES_TWO_FAILED, "admin:op", "", NOW));
    assertThat(next.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(next.stage()).isEqualTo(1);
    RolloutRecord done =
        applied(
            RolloutAction.PROMOTE.apply(
                at(Phase.PROGRESSING, 2, ""), THREE_STAGES_TWO_FAILED, "admin:op", "", NOW));
    assertThat(done.phase()).isEqualTo(Phase.COMPLETE);
  }

  @Test
  void rollbackNeedsAPreviousRevisionAndARolledBackRevisionCannotResume() {
    assertThat(
            refused(
                RolloutAction.ROLLBACK.apply(
                    at(Phase.PROGRESSING, 0, ""), THREE_STAGES_TWO_FAILED, "admin:op", "", NOW)))
        .contains("bundle web has no previous revision to return to");
    RolloutRecord back =
        applied(
            RolloutAction.ROLLBACK.apply(
                at(Phase.COMPLETE, 2, "1234567aa"),
                THREE_STAGES_TWO_FAILED,
                "admin:op",
                "bad",
                NOW));
    assertThat(back.phase()).isEqualTo(Phase.ROLLING_BACK);
    assertThat(back.reason()).isEqualTo("rolled back to revision 1234567 by admin:op: bad");
    assertThat(
            refused(
                RolloutAction.RESUME.apply(
                    at(Phase.ROLLED_BACK, 2, "r1"), THREE_STAGES_TWO_FAILED, "admin:op", "", NOW)))
        .contains("was rolled back; commit a newer revision to roll out again");
    assertThat(
            refused(
                RolloutAction.PAUSE.apply(
                    at(Phase.SUPERSEDED, 0, "r1"), THREE_STAGES_TWO_FAILED, "admin:op", "", NOW)))
        .contains("a newer revision is rolling out");
  }

  @Test
  void unknownActionsAreNamed() {
    assertThatThrownBy(() -> RolloutAction.parse("undo"))
        .hasMessage("unknown rollout action 'undo' (pause, resume, promote, rollback)");
  }
}
