package dev.flotilla.cli.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and latency histograms the simulated agents record into; thread-safe. */
public final class SimMetrics {
  final Map<Call, LatencyHistogram> latency = new EnumMap<>(Call.class);
  final LongAdder checkIns = new LongAdder();
  final LongAdder failedCheckIns = new LongAdder();
  final LongAdder linkDown = new LongAdder();
  final LongAdder throttled429 = new LongAdder();
  final LongAdder unavailable503 = new LongAdder();
  final LongAdder fullHandshakes = new LongAdder();
  final LongAdder resumedHandshakes = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  final LongAdder rejectedDocuments = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  public SimMetrics() {
    for (Call c : Call.values()) {
      latency.put(c, new LatencyHistogram());
    }
  }

  /** Starts counting afresh (after a warm-up). */
  public void reset() {
    latency.values().forEach(LatencyHistogram::reset);
    for (LongAdder a :
        new LongAdder[] {
          checkIns,
          failedCheckIns,
          linkDown,
          throttled429,
          unavailable503,
          fullHandshakes,
          resumedHandshakes,
          bytesIn,
          bytesOut,
          rejectedDocuments
        }) {
      a.reset();
    }
    errors.clear();
  }

  public void time(Call call, long nanos) {
    latency.get(call).record(nanos / 1_000);
  }

  public void checkIn(boolean ok) {
    (ok ? checkIns : failedCheckIns).increment();
  }

  public void linkDown() {
    linkDown.increment();
  }

  public void throttled(int status) {
    (status == 429 ? throttled429 : unavailable503).increment();
  }

  public void handshake(boolean full) {
    (full ? fullHandshakes : resumedHandshakes).increment();
  }

  public void wire(long in, long out) {
    bytesIn.add(in);
    bytesOut.add(out);
  }

  public void rejectedDocument() {
    rejectedDocuments.increment();
  }

  /** An error of kind {@code kind} (connect, tls, http-500, protocol, …). */
  public void error(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  public Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public LatencyHistogram latency(Call call) {
    return latency.get(call);
  }
}
