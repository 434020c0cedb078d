package dev.flotilla.hub.distribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.ClusterId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownEtagsTest {
  final KnownEtags etags = new KnownEtags(1_000);
  final ClusterId a = new ClusterId("edge-a");
  final ClusterId b = new ClusterId("edge-b");

  @Test
  void matchesOnlyTheRememberedEtagOfThatCluster() {
    etags.put(a, "0123456789abcdef0123", etags.stamp(a));
    assertThat(etags.matches(a, "0123456789abcdef0123")).isTrue();
    assertThat(etags.matches(a, "0123456789abcdef0124")).isFalse();
    assertThat(etags.matches(a, "0123456789ABCDEF0123")).isFalse();
    assertThat(etags.matches(b, "0123456789abcdef0123")).isFalse();
    assertThat(etags.matches(a, "0123456789abcdef012")).isFalse();
  }

  @Test
  void aForgottenClusterNoLongerMatches() {
    etags.put(a, "0123456789abcdef0123", etags.stamp(a));
    etags.forget(a);
    assertThat(etags.matches(a, "0123456789abcdef0123")).isFalse();
    etags.put(a, "ffffffffffffffff0000", etags.stamp(a));
    assertThat(etags.matches(a, "ffffffffffffffff0000")).isTrue();
  }

  @Test
  void aReadThatRacedWithAForgetIsNotRemembered() {
    long stamp = etags.stamp(a);
    etags.forget(a); // the document changed while the old one was being read
    etags.put(a, "0123456789abcdef0123", stamp);
    assertThat(etags.matches(a, "0123456789abcdef0123")).isFalse();
  }

  @Test
  void clearForgetsEveryClusterAndOutstandingReads() {
    long stamp = etags.stamp(b);
    etags.put(a, "0123456789abcdef0123", etags.stamp(a));
    etags.clear();
    etags.put(b, "0123456789abcdef0123", stamp);
    assertThat(etags.matches(a, "0123456789abcdef0123")).isFalse();
    assertThat(etags.matches(b, "0123456789abcdef0123")).isFalse();
  }

  @Test
  void growsToItsCapacityAndNoFurther() {
    List<ClusterId> ids = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      ClusterId id = new ClusterId("c-" + i);
      ids.add(id);
      etags.put(id, String.format("%020x", i), etags.stamp(id));
    }
    assertThat(etags.size()).isEqualTo(1_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(etags.matches(ids.get(i), String.format("%020x", i))).as("c-" + i).isTrue();
    }
    assertThat(etags.matches(ids.get(1_200), String.format("%020x", 1_200))).isFalse();
  }

  @Test
  void etagsOfAnotherFormAreNeverRemembered() {
    String old = "0123456789abcdef0123456789abcdef";
    etags.put(a, old, etags.stamp(a));
    assertThat(etags.matches(a, old)).isFalse();
    assertThat(etags.size()).isZero();
  }

  @Test
  void aWakeUpForgetsTheWokenCluster() {
    DesiredWatch watch = new DesiredWatch(etags);
    etags.put(a, "0123456789abcdef0123", etags.stamp(a));
    etags.put(b, "0123456789abcdef0123", etags.stamp(b));
    watch.wake(a);
    assertThat(etags.matches(a, "0123456789abcdef0123")).isFalse();
    assertThat(etags.matches(b, "0123456789abcdef0123")).isTrue();
    watch.wakeAll();
    assertThat(etags.matches(b, "0123456789abcdef0123")).isFalse();
  }
}
