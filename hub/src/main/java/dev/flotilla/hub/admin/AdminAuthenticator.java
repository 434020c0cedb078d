package dev.flotilla.hub.admin;

import dev.flotilla.hub.enroll.SecretHash;
import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.hub.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks an admin bearer token ({@code flta.<id>.<secret>}) and that its role suffices. */
public final class AdminAuthenticator {
  private static final Pattern FORM =
      Pattern.compile("Bearer\\s+flta\\.([a-z0-9]{6})\\.([a-z0-9]{32})");
  private final TokenStore tokens;

  public AdminAuthenticator(TokenStore tokens) {
    this.tokens = tokens;
  }

  /** The caller's token, if its role allows {@code needed}; otherwise a 401 or 403. */
  public AdminTokenRecord require(Exchange ex, Role needed) {
    String header = ex.header("Authorization").orElse("");
    Matcher m = FORM.matcher(header.strip());
    if (!m.matches()) {
      throw HttpError.unauthorized(
          "an admin token is required (Authorization: Bearer flta.…); admin commands read it from admin.conf");
    }
    AdminTokenRecord t =
        tokens
            .adminById(m.group(1))
            .orElseThrow(() -> HttpError.unauthorized("the admin token is not valid"));
    boolean same =
        MessageDigest.isEqual(
            t.secretHash().getBytes(StandardCharsets.US_ASCII),
            SecretHash.of(m.group(2)).getBytes(StandardCharsets.US_ASCII));
    if (!same || t.revoked()) {
      throw HttpError.unauthorized("the admin token is not valid");
    }
    if (!t.role().allows(needed)) {
      throw HttpError.forbidden(
          "this call needs the "
              + needed.name().toLowerCase()
              + " role; token "
              + t.id()
              + " has "
              + t.role().name().toLowerCase());
    }
    return t;
  }
}
