package dev.flotilla.hub.source;

import dev.flotilla.model.Names;

/**
 * Where a source's bundles come from.
 *
 * @param name the source's name (a DNS label)
 * @param url a Git URL: {@code https://…}, {@code ssh://…}, {@code file://…} or a local path
 * @param branch the branch to follow
 * @param path the directory under which {@code bundle.yaml} files are looked for ({@code ""} for
 *     the whole repository)
 */
public record SourceSpec(String name, String url, String branch, String path) {
  public SourceSpec {
    Names.requireDnsLabel("source name", name);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("source " + name + " needs a Git URL");
    }
    branch = branch == null || branch.isBlank() ? "main" : branch;
    path = normalize(path);
  }

  private static String normalize(String path) {
    if (path == null) {
      return "";
    }
    String p = path.strip();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals(".")) {
      return "";
    }
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        throw new IllegalArgumentException("source path must stay inside the repository: " + path);
      }
    }
    return p;
  }
}
