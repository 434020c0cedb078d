package dev.flotilla.cli.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * One simulated cluster's memory between check-ins: what a real agent keeps in its local store (the
 * document's ETag and revision, the digest applied per bundle, its report sequence), plus the
 * simulator's bookkeeping. Guarded by the scheduler: one check-in per cluster at a time.
 */
final class SimCluster {
  final int index;
  final Identity identity;
  String etag;
  String revision;
  Map<String, String> applied = new HashMap<>();
  long reportSeq;
  boolean factsSent;
  volatile int tlsEpoch;
  long attempts;
  int failuresInRow;
  volatile int scheduleToken;

  SimCluster(int index, Identity identity) {
    this.index = index;
    this.identity = identity;
  }
}
