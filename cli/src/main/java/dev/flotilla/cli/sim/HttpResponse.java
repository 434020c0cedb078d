package dev.flotilla.cli.sim;

import java.util.Map;
import java.util.Optional;

/** One HTTP/1.1 response: status, headers (names lower-cased) and the raw body. */
record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
