package dev.flotilla.hub.admin;

import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Role names as the API and CLI spell them: {@code viewer}, {@code operator}, {@code admin}. */
public final class AdminRoles {
  private AdminRoles() {}

  /** The role {@code name} names; a 400 listing the roles otherwise. */
  public static Role parse(String name) {
    String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
    try {
      return Role.valueOf(n);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(
          "role must be one of "
              + Arrays.stream(Role.values())
                  .map(r -> r.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + ", got '"
              + (name == null ? "" : name)
              + "'");
    }
  }
}
