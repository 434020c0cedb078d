package dev.flotilla.hub.distribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageWorkersTest {
  final List<Integer> items = IntStream.range(0, 1000).boxed().toList();

  @Test
  void returnsEveryItemsResultInPageOrder() {
    try (PageWorkers workers = new PageWorkers(3)) {
      List<PageWorkers.Outcome<String>> out = workers.map(items, i -> "item " + i);
      assertThat(out)
          .extracting(PageWorkers.Outcome::get)
          .containsExactlyElementsOf(items.stream().map(i -> "item " + i).toList());
    }
  }

  @Test
  void oneThreadRunsEverythingOnTheCaller() {
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    try (PageWorkers workers = new PageWorkers(1)) {
      workers.map(items, i -> ran.add(Thread.currentThread()));
    }
    assertThat(ran).containsExactly(Thread.currentThread());
  }

  @Test
  void severalThreadsWorkAtOnce() throws Exception {
    // two items that each wait for the other: only done if two threads run them at the same time
    CountDownLatch both = new CountDownLatch(2);
    try (PageWorkers workers = new PageWorkers(2)) {
      List<PageWorkers.Outcome<Boolean>> out =
          workers.map(
              List.of(1, 2),
              i -> {
                both.countDown();
                try {
                  return both.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(out).extracting(PageWorkers.Outcome::get).containsExactly(true, true);
    }
  }

  @Test
  void anItemsExceptionIsThatItemsOutcomeOnly() {
    try (PageWorkers workers = new PageWorkers(2)) {
      List<PageWorkers.Outcome<Integer>> out =
          workers.map(
              items,
              i -> {
                if (i == 500) {
                  throw new IllegalArgumentException("bad item 500");
                }
                return i * 2;
              });
      assertThat(out.get(499).get()).isEqualTo(998);
      assertThat(out.get(501).get()).isEqualTo(1002);
      assertThatThrownBy(() -> out.get(500).get())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad item 500");
    }
  }

  @Test
  void anErrorIsThrownToTheCaller() {
    try (PageWorkers workers = new PageWorkers(2)) {
      assertThatThrownBy(
              () ->
                  workers.map(
                      items,
                      i -> {
                        if (i == 700) {
                          throw new AssertionError("broken at 700");
                        }
                        return i;
                      }))
          .isInstanceOf(AssertionError.class)
          .hasMessage("broken at 700");
    }
  }

  @Test
  void afterCloseTheCallerDoesTheWork() {
    PageWorkers workers = new PageWorkers(4);
    workers.close();
    assertThat(workers.map(items, i -> i + 1)).extracting(PageWorkers.Outcome::get).hasSize(1000);
  }

  @Test
  void refusesZeroThreads() {
    assertThatThrownBy(() -> new PageWorkers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
