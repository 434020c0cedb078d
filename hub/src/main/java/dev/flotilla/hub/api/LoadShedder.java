package dev.flotilla.hub.api;

import dev.flotilla.hub.http.HttpError;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Bounds the agent requests the hub works on at once and the long-polls it holds; past either bound
 * a request is refused with {@code 429 Too Many Requests} and a jittered {@code Retry-After}, which
 * agents honour. Counts what it sheds, for {@code /metrics}.
 */
public final class LoadShedder {
  private final LoadLimits limits;
  private final RandomGenerator random;
  private final Semaphore inFlight;
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicLong shedInFlight = new AtomicLong();
  private final AtomicLong shedLongPolls = new AtomicLong();

  public LoadShedder(LoadLimits limits, RandomGenerator random) {
    this.limits = limits;
    this.random = random;
    this.inFlight = new Semaphore(limits.maxInFlight());
  }

  /** Takes an in-flight slot or throws a 429; the returned handle gives it back (once). */
  public Runnable enter() {
    if (!inFlight.tryAcquire()) {
      shedInFlight.incrementAndGet();
      throw busy(
          "the hub is handling "
              + limits.maxInFlight()
              + " agent requests at once (its limit); retry later");
    }
    return once(inFlight::release);
  }

  /** Takes a long-poll slot or throws a 429; the returned handle gives it back (once). */
  public Runnable hold() {
    while (true) {
      int n = held.get();
      if (n >= limits.maxLongPolls()) {
        shedLongPolls.incrementAndGet();
        throw busy(
            "the hub holds "
                + limits.maxLongPolls()
                + " long-polls at once (its limit); retry later");
      }
      if (held.compareAndSet(n, n + 1)) {
        return once(held::decrementAndGet);
      }
    }
  }

  private HttpError busy(String message) {
    long base = limits.retryAfter().toSeconds();
    double jitter;
    synchronized (random) {
      jitter = random.nextDouble();
    }
    long after = base + (long) (jitter * base);
    return new HttpError(429, "busy", message, after);
  }

  private static Runnable once(Runnable r) {
    AtomicBoolean done = new AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        r.run();
      }
    };
  }

  public LoadLimits limits() {
    return limits;
  }

  public int inFlight() {
    return limits.maxInFlight() - inFlight.availablePermits();
  }

  public int heldLongPolls() {
    return held.get();
  }

  public long shedForInFlight() {
    return shedInFlight.get();
  }

  public long shedForLongPolls() {
    return shedLongPolls.get();
  }
}
