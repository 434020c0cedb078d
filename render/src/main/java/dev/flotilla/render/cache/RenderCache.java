package dev.flotilla.render.cache;

import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded LRU memo: {@link #get} returns the cached value for a key or computes it once, even
 * when many threads ask for the same missing key at the same time (they wait for the one
 * computation). Failed computations are not cached. Thread-safe.
 *
 * @param <K> the key: a record of every input the value depends on
 * @param <V> the computed value
 */
public final class RenderCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, CompletableFuture<V>> entries;
  private final AtomicLong computations = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();

  /** Computes a value; may fail with a checked exception of type {@code E}. */
  @FunctionalInterface
  public interface Computation<V, E extends Exception> {
    V compute() throws E;
  }

  public RenderCache(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("cache capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  public <E extends Exception> V get(K key, Class<E> failure, Computation<V, E> computation)
      throws E {
    CompletableFuture<V> future;
    boolean mine = false;
    synchronized (entries) {
      future = entries.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        entries.put(key, future);
        mine = true;
        evict();
      }
    }
    if (!mine) {
      hits.incrementAndGet();
      return join(future, failure);
    }
    computations.incrementAndGet();
    try {
      V v = computation.compute();
      future.complete(v);
      return v;
    } catch (Exception | Error e) {
      synchronized (entries) {
        entries.remove(key, future);
      }
      future.completeExceptionally(e);
      throw e;
    }
  }

  private void evict() {
    var it = entries.entrySet().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static <V, E extends Exception> V join(CompletableFuture<V> f, Class<E> failure)
      throws E {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a render", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (failure.isInstance(c)) {
        throw failure.cast(c);
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  /** Values computed (misses). */
  public long computations() {
    return computations.get();
  }

  /** Lookups answered from the cache (including waits on another thread's computation). */
  public long hits() {
    return hits.get();
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Drops everything (e.g. in tests); counters are kept. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  @Override
  public String toString() {
    return "RenderCache(size="
        + size()
        + "/"
        + capacity
        + ", computations="
        + computations()
        + ", hits="
        + hits()
        + ")";
  }
}
