package dev.flotilla.hub.hooks;

import java.util.Locale;

/**
 * A repository's identity across its URL spellings (pure): {@code https://host/o/r.git}, {@code
 * ssh://git@host:22/o/r}, {@code git@host:o/r.git} and {@code https://host/o/r} all become {@code
 * host/o/r}. Schemes, users, ports, a {@code .git} suffix and trailing slashes are dropped; the
 * host is lower-cased, the path is not (servers may treat it as case-sensitive).
 */
final class RepositoryKey {
  private RepositoryKey() {}

  static String of(String url) {
    String u = url.strip();
    String hostAndPath;
    int scheme = u.indexOf("://");
    if (scheme >= 0) {
      hostAndPath = u.substring(scheme + 3);
    } else if (u.matches("[^/@:]+@[^/:]+:.*") || u.matches("[^/:]+:[^/].*")) {
      // scp-like: git@host:owner/repo.git
      hostAndPath = u.replaceFirst(":", "/");
    } else {
      hostAndPath = u;
    }
    int at = hostAndPath.indexOf('@');
    int slash = hostAndPath.indexOf('/');
    if (at >= 0 && (slash < 0 || at < slash)) {
      hostAndPath = hostAndPath.substring(at + 1);
      slash = hostAndPath.indexOf('/');
    }
    String host = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
    String path = slash < 0 ? "" : hostAndPath.substring(slash);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && !host.endsWith("]")) {
      host = host.substring(0, colon);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return host.toLowerCase(Locale.ROOT) + path;
  }
}
