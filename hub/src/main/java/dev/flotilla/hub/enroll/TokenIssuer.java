package dev.flotilla.hub.enroll;

import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.TokenRecord;
import dev.flotilla.hub.store.TokenStore;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.pki.BootstrapToken;
import dev.flotilla.protocol.pki.CaPin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** Creates bootstrap tokens and admin tokens; stores only hashes of their secrets. */
public final class TokenIssuer {
  private final TokenStore store;
  private final CaPin caPin;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TokenIssuer(TokenStore store, CaPin caPin, Clock clock) {
    this.store = store;
    this.caPin = caPin;
    this.clock = clock;
  }

  /** A created bootstrap token: the full token (shown once) and what was stored. */
  public record Issued(BootstrapToken token, TokenRecord record) {}

  public Issued bootstrap(
      Labels labels, OptionalInt uses, Optional<Duration> ttl, String description) {
    uses.ifPresent(
        n -> {
          if (n < 1) {
            throw new IllegalArgumentException("--uses must be at least 1, got " + n);
          }
        });
    ttl.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("--ttl must be positive, got " + d);
          }
        });
    BootstrapToken token = BootstrapToken.generate(caPin, random);
    Instant now = clock.instant();
    TokenRecord record =
        new TokenRecord(
            token.id(),
            SecretHash.of(token.secret()),
            labels,
            uses,
            ttl.map(now::plus),
            now,
            false,
            description == null ? "" : description);
    store.insert(record);
    return new Issued(token, record);
  }

  /** Creates an admin token {@code flta.<id>.<secret>} with a role; returns it (shown once). */
  public String admin(AdminTokenRecord.Role role, String description) {
    BootstrapToken parts = BootstrapToken.generate(caPin, random);
    String id = parts.id();
    String secret = parts.secret() + BootstrapToken.generate(caPin, random).secret();
    store.insertAdmin(
        new AdminTokenRecord(id, SecretHash.of(secret), role, clock.instant(), false, description));
    return "flta." + id + "." + secret;
  }
}
