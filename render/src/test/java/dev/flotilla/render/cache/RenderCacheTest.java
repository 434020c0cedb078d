package dev.flotilla.render.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderCacheTest {
  @Test
  void computesEachKeyOnceEvenUnderConcurrentMisses() throws Exception {
    RenderCache<String, Integer> cache = new RenderCache<>(10);
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      java.util.List<Future<Integer>> fs = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        fs.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.get(
                      "k",
                      InterruptedException.class,
                      () -> {
                        calls.incrementAndGet();
                        Thread.sleep(20);
                        return 7;
                      });
                }));
      }
      start.countDown();
      for (Future<Integer> f : fs) {
        assertThat(f.get()).isEqualTo(7);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(calls.get()).isEqualTo(1);
    assertThat(cache.computations()).isEqualTo(1);
    assertThat(cache.hits()).isEqualTo(63);
  }

  @Test
  void evictsTheLeastRecentlyUsed() throws Exception {
    RenderCache<Integer, Integer> cache = new RenderCache<>(2);
    cache.get(1, RuntimeException.class, () -> 1);
    cache.get(2, RuntimeException.class, () -> 2);
    cache.get(1, RuntimeException.class, () -> 1);
    cache.get(3, RuntimeException.class, () -> 3);
    assertThat(cache.size()).isEqualTo(2);
    cache.get(1, RuntimeException.class, () -> 1);
    assertThat(cache.computations()).isEqualTo(3);
  }

  @Test
  void doesNotCacheFailures() throws Exception {
    RenderCache<String, Integer> cache = new RenderCache<>(2);
    assertThatThrownBy(
            () ->
                cache.get(
                    "k",
                    IOException.class,
                    () -> {
                      throw new IOException("boom");
                    }))
        .isInstanceOf(IOException.class);
    assertThat(cache.get("k", IOException.class, () -> 5)).isEqualTo(5);
  }
}
