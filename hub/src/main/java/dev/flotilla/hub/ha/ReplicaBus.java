package dev.flotilla.hub.ha;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Signals between hub replicas. Every replica receives every signal, its own included. Delivery is
 * best effort: a replica that may have missed some receives {@link Signal.Missed}, and a new leader
 * re-plans everything, so nothing depends on one signal arriving.
 */
public interface ReplicaBus extends AutoCloseable {
  /** Starts delivering to {@code subscriber} (from the bus's own thread, or the caller's). */
  void start(Consumer<Signal> subscriber);

  void publish(Signal signal);

  @Override
  void close();

  /** The bus of a hub alone on its database: delivers at once, on the publishing thread. */
  static ReplicaBus local() {
    return new ReplicaBus() {
      private final List<Consumer<Signal>> subscribers = new CopyOnWriteArrayList<>();

      @Override
      public void start(Consumer<Signal> subscriber) {
        subscribers.add(subscriber);
      }

      @Override
      public void publish(Signal signal) {
        subscribers.forEach(s -> s.accept(signal));
      }

      @Override
      public void close() {
        subscribers.clear();
      }
    };
  }
}
