package dev.flotilla.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bootstrap tokens and admin tokens. */
public interface TokenStore {
  void insert(TokenRecord token);

  List<TokenRecord> list();

  Optional<TokenRecord> get(String id);

  /** Marks a token revoked; false if there is no such token. */
  boolean revoke(String id);

  /**
   * Checks a presented token and, when valid, uses it up by one (atomically: two agents racing for
   * a single-use token cannot both win).
   */
  Redemption redeem(String id, String secretHash, Instant now);

  void insertAdmin(AdminTokenRecord token);

  Optional<AdminTokenRecord> adminById(String id);

  List<AdminTokenRecord> listAdmin();

  /** Marks an admin token revoked; false if there is no such token. */
  boolean revokeAdmin(String id);

  /** The outcome of presenting a bootstrap token. */
  sealed interface Redemption {
    /** Valid; here are its labels. */
    record Accepted(TokenRecord token) implements Redemption {}

    /** Refused; {@code reason} is safe to show to the agent. */
    record Refused(String code, String reason) implements Redemption {}
  }
}
