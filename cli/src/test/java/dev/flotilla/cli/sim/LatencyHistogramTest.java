package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void isExactForSmallValues() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertThat(h.percentile(50)).isEqualTo(50);
    assertThat(h.percentile(90)).isEqualTo(90);
    assertThat(h.percentile(99)).isEqualTo(99);
    assertThat(h.percentile(100)).isEqualTo(100);
    assertThat(h.max()).isEqualTo(100);
    assertThat(h.count()).isEqualTo(100);
  }

  @Test
  void isZeroWhenEmptyAndRefusesPercentilesOutOfRange() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentile(99)).isZero();
    assertThatThrownBy(() -> h.percentile(101)).hasMessageContaining("between 0 and 100");
  }

  @RepeatedTest(20)
  void staysWithinTwoPercentOfTheExactPercentile(org.junit.jupiter.api.RepetitionInfo info) {
    SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
    LatencyHistogram h = new LatencyHistogram();
    long[] values = new long[5_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(random.nextDouble() * 16);
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double p : new double[] {50, 90, 99, 99.9}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      assertThat((double) h.percentile(p)).isBetween(exact * 0.98 - 1, exact * 1.02 + 1);
    }
    assertThat(h.percentile(100)).isEqualTo(values[values.length - 1]);
  }

  @Test
  void bucketsAreContiguousAndTheirEdgesContainTheirValues() {
    for (long v = 0; v < 1 << 20; v += 7) {
      int b = LatencyHistogram.bucket(v);
      assertThat(LatencyHistogram.upperEdge(b)).isGreaterThanOrEqualTo(v);
      if (b > 0) {
        assertThat(LatencyHistogram.upperEdge(b - 1)).isLessThan(v);
      }
    }
  }
}
