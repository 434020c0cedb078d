package dev.flotilla.cli;

import java.net.InetSocketAddress;

/**
 * Parses {@code --listen}: {@code :8443}, {@code 0.0.0.0:8443}, {@code [::1]:8443}, {@code
 * host:port}.
 */
final class ListenAddress {
  private ListenAddress() {}

  static InetSocketAddress parse(String text) {
    String t = text.strip();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--listen must be [HOST]:PORT, e.g. :8443 or 127.0.0.1:8443, got '" + text + "'");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--listen port is not a number: '" + text + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--listen port must be 0-65535, got " + port);
    }
    return host.isEmpty()
        ? new InetSocketAddress(port)
        : InetSocketAddress.createUnresolved(host, port);
  }
}
