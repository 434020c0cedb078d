package dev.flotilla.hub.ha;

/**
 * Which replica may change desired state. At most one replica holds the lease at a time; a replica
 * that loses its database connection loses the lease.
 */
public interface LeaderLease extends AutoCloseable {
  /** Begins acquiring (and keeping) the lease; {@code listener} hears every change. */
  void start(Listener listener);

  boolean isLeader();

  /** Gives the lease up (if held) and stops; the listener hears {@code lost}. */
  @Override
  void close();

  /** Told when this replica gains or loses the lease; called from the lease's own thread. */
  interface Listener {
    void gained();

    void lost(String why);
  }

  /** The lease of a hub that is alone on its database (SQLite): always the leader. */
  static LeaderLease sole() {
    return new LeaderLease() {
      private volatile Listener listener;

      @Override
      public void start(Listener l) {
        listener = l;
        l.gained();
      }

      @Override
      public boolean isLeader() {
        return listener != null;
      }

      @Override
      public void close() {
        Listener l = listener;
        listener = null;
        if (l != null) {
          l.lost("the hub is stopping");
        }
      }
    };
  }
}
