package dev.flotilla.agent.sync;

import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.identity.Enroller;
import dev.flotilla.agent.identity.Identity;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Renews the client certificate at two thirds of its life, while the old one is still valid (the
 * hub issues overlapping certificates), and stores the new identity before using it.
 */
public final class CertificateRenewer {
  private final LocalStore store;
  private final Clock clock;

  public CertificateRenewer(LocalStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public boolean due(Identity identity) {
    return !clock.instant().isBefore(identity.renewAt());
  }

  /** The certificate has expired: renewal over mTLS is impossible, only recovery remains. */
  public boolean expired(Identity identity) {
    return !clock.instant().isBefore(identity.notAfter());
  }

  /**
   * Recovers an expired identity ({@code POST /v1/agent/recover}) and stores it before using it.
   * The hub refuses a revoked cluster, a superseded certificate, or one past its grace period.
   */
  public Identity recover(Identity identity) throws IOException {
    Identity recovered = Enroller.recover(identity, clock.instant());
    store.saveIdentity(recovered);
    return recovered;
  }

  public Instant dueAt(Identity identity) {
    return identity.renewAt();
  }

  /** Renews over {@code client} (which still holds the current certificate). */
  public Identity renew(Identity identity, HubClient client) throws IOException {
    Identity renewed = Enroller.renew(identity, client);
    store.saveIdentity(renewed);
    return renewed;
  }
}
