package dev.flotilla.hub.distribute;

import dev.flotilla.model.ClusterId;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The current ETag of each cluster's desired document as this replica last read it, so an unchanged
 * check-in is answered without reading the database. Compact, for a million clusters: an
 * open-addressing table of three primitive arrays (64-bit hash of the cluster id, and the 80-bit
 * ETag as a long and a char), about 26 bytes per cluster, no object per entry; it stops taking new
 * clusters at {@code capacity} (those are answered from the database as before).
 *
 * <p>An entry is a promise that the cluster was registered, not revoked, and had this ETag when it
 * was read. {@link DesiredWatch#wake} forgets a cluster's entry (its document changed, or it was
 * revoked) before it answers its long-polls, and {@link DesiredWatch#wakeAll} forgets all (missed
 * notifications). A hash collision between two cluster ids cannot answer a wrong 304: the agent
 * would have to hold the other cluster's 80-bit ETag.
 */
public final class KnownEtags {
  /** ETags of this form are cached; others (older, longer ones) are always read from the store. */
  public static final int HEX_DIGITS = 20;

  private static final long EMPTY = 0;
  private static final char NONE = Character.MAX_VALUE;

  private static final int STRIPES = 4096;

  private final int capacity;

  /** Forgets per stripe of hashes: a read that raced with a forget is not remembered. */
  private final long[] forgets = new long[STRIPES];

  private long[] keys;
  private long[] high;
  private char[] low;
  private int size;

  public KnownEtags(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ETag cache capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    allocate(Math.min(1 << 12, tableSize(capacity)));
  }

  /** Whether {@code etag} is the cluster's current ETag as last read (false if unknown). */
  public boolean matches(ClusterId cluster, String etag) {
    if (etag.length() != HEX_DIGITS || !isHex(etag)) {
      return false;
    }
    long h = hash(cluster);
    synchronized (this) {
      int slot = find(h);
      if (keys[slot] != h || low[slot] == NONE) {
        return false;
      }
      return parseHigh(etag) == high[slot] && parseLow(etag) == low[slot];
    }
  }

  /** Taken before reading the store; hand it to {@link #put} with what was read. */
  public synchronized long stamp(ClusterId cluster) {
    return forgets[stripe(hash(cluster))];
  }

  /**
   * Remembers the cluster's current ETag as read from the store after {@code stamp} was taken;
   * nothing is remembered if the cluster may have been forgotten since (the read may be stale).
   */
  public void put(ClusterId cluster, String etag, long stamp) {
    if (etag.length() != HEX_DIGITS || !isHex(etag)) {
      return;
    }
    long h = hash(cluster);
    long hi = parseHigh(etag);
    char lo = parseLow(etag);
    synchronized (this) {
      if (forgets[stripe(h)] != stamp) {
        return;
      }
      int slot = find(h);
      if (keys[slot] != h) {
        if (size >= capacity) {
          return;
        }
        if ((size + 1) * 4L > keys.length * 3L) {
          grow();
          slot = find(h);
        }
        keys[slot] = h;
        size++;
      }
      high[slot] = hi;
      low[slot] = lo;
    }
  }

  /** Forgets the cluster's ETag: its document changed, or it was revoked. */
  public void forget(ClusterId cluster) {
    long h = hash(cluster);
    synchronized (this) {
      forgets[stripe(h)]++;
      int slot = find(h);
      if (keys[slot] == h) {
        low[slot] = NONE; // the slot stays (no tombstones), the entry no longer matches
      }
    }
  }

  /** Forgets every ETag (notifications may have been missed). */
  public synchronized void clear() {
    Arrays.fill(low, NONE);
    for (int i = 0; i < STRIPES; i++) {
      forgets[i]++;
    }
  }

  /** Clusters with a slot, for metrics. */
  public synchronized int size() {
    return size;
  }

  private static int stripe(long h) {
    return (int) (h >>> 52) & (STRIPES - 1);
  }

  private int find(long h) {
    int mask = keys.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (keys[i] != EMPTY && keys[i] != h) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldHigh = high;
    char[] oldLow = low;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(oldKeys[i]);
        keys[slot] = oldKeys[i];
        high[slot] = oldHigh[i];
        low[slot] = oldLow[i];
      }
    }
  }

  private void allocate(int slots) {
    keys = new long[slots];
    high = new long[slots];
    low = new char[slots];
    Arrays.fill(low, NONE);
  }

  private static int tableSize(int capacity) {
    long want = Math.max(16, capacity * 4L / 3 + 1);
    return (int) Math.min(1 << 30, Long.highestOneBit(want - 1) << 1);
  }

  /** A 64-bit hash of the id (FNV-1a, then a finalizer); never {@link #EMPTY}. */
  static long hash(ClusterId cluster) {
    String v = cluster.value();
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < v.length(); i++) {
      h ^= v.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }

  /** Lower-case hex only: ETags compare byte for byte. */
  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  private static long parseHigh(String etag) {
    try {
      return HexFormat.fromHexDigitsToLong(etag, 0, 16);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  private static char parseLow(String etag) {
    try {
      return (char) HexFormat.fromHexDigits(etag, 16, 20);
    } catch (IllegalArgumentException e) {
      return NONE;
    }
  }
}
