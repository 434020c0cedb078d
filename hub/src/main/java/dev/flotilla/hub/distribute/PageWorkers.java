package dev.flotilla.hub.distribute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a CPU-bound task over every item of a page on {@code threads} threads: the calling thread
 * and {@code threads - 1} helpers, each taking the next item until none is left. Results come back
 * in page order, each a value or the exception its item threw, so the caller sees exactly what a
 * loop over the page would have seen. With one thread there is no pool: the caller runs every item
 * itself. The task must be safe to run on several threads at once and should leave the database to
 * the caller (the fleet loop keeps a page's reads and its one transaction on its own thread).
 */
final class PageWorkers implements AutoCloseable {
  /** Idle helpers exit after this, so a hub (or a test) that never closes us leaks no thread. */
  private static final long IDLE_SECONDS = 60;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int threads;
  private final ThreadPoolExecutor helpers;

  /**
   * @param threads how many threads work on a page, the caller included; at least 1
   */
  PageWorkers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(
          "planning threads must be at least 1 (1 plans on the fleet loop alone): " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      this.helpers = null;
      return;
    }
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.helpers =
        new ThreadPoolExecutor(
            threads - 1,
            threads - 1,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r ->
                Thread.ofPlatform()
                    .name("fleet-plan-" + pool + "-" + n.incrementAndGet())
                    .daemon()
                    .unstarted(r));
    this.helpers.allowCoreThreadTimeOut(true);
  }

  /** As many threads as the machine has processors. */
  static PageWorkers sizedToMachine() {
    return new PageWorkers(Runtime.getRuntime().availableProcessors());
  }

  int threads() {
    return threads;
  }

  /** A task's value, or what it threw. */
  record Outcome<R>(R value, RuntimeException failure) {
    /** The value, or the task's exception thrown again (on the calling thread). */
    R get() {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }

  /**
   * Applies {@code task} to every item; returns when all are done. A {@link RuntimeException} of
   * one item is that item's outcome; an {@link Error} is thrown here once every thread has stopped.
   */
  <T, R> List<Outcome<R>> map(List<T> items, Function<? super T, ? extends R> task) {
    int size = items.size();
    @SuppressWarnings("unchecked")
    Outcome<R>[] outcomes = new Outcome[size];
    Error[] error = new Error[1];
    AtomicInteger next = new AtomicInteger();
    Runnable drain =
        () -> {
          for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
            try {
              outcomes[i] = new Outcome<>(task.apply(items.get(i)), null);
            } catch (RuntimeException e) {
              outcomes[i] = new Outcome<>(null, e);
            } catch (Error e) {
              next.set(size);
              synchronized (error) {
                error[0] = error[0] == null ? e : error[0];
              }
            }
          }
        };
    List<Future<?>> started = new ArrayList<>();
    if (helpers != null) {
      for (int h = 0; h < Math.min(threads - 1, size - 1); h++) {
        try {
          started.add(helpers.submit(drain));
        } catch (RejectedExecutionException closed) {
          break; // closed while the loop still runs: the caller does the rest
        }
      }
    }
    drain.run();
    awaitAll(started);
    synchronized (error) {
      if (error[0] != null) {
        throw error[0];
      }
    }
    return List.of(outcomes);
  }

  /**
   * Waits for the helpers to finish the page even if interrupted (a page is a fraction of a second
   * of work), so no helper still runs when the page is saved; the interrupt is kept for the caller,
   * as a loop over the page would have kept it.
   */
  private static void awaitAll(List<Future<?>> started) {
    boolean interrupted = false;
    for (Future<?> f : started) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IllegalStateException("a page worker failed outside its task", e.getCause());
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdown();
    }
  }
}
