package dev.flotilla.render.yaml;

/**
 * Bounds on untrusted YAML: a repository is hostile input until parsed.
 *
 * @param maxBytes largest file accepted
 * @param maxDepth deepest nesting of maps and lists
 * @param maxAliases alias uses per document (YAML "billion laughs" needs many)
 * @param maxDocuments documents per file
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxAliases, int maxDocuments) {
  public static final YamlLimits DEFAULT = new YamlLimits(8 * 1024 * 1024, 100, 50, 10_000);

  public YamlLimits {
    if (maxBytes <= 0 || maxDepth <= 0 || maxAliases < 0 || maxDocuments <= 0) {
      throw new IllegalArgumentException("YAML limits must be positive: " + this);
    }
  }
}
