package dev.flotilla.render;

import dev.flotilla.render.yaml.YamlLimits;

/**
 * Bounds on rendering untrusted repositories and on the render cache.
 *
 * @param yaml limits on each YAML file read (size, depth, aliases, documents)
 * @param maxOutputBytes largest rendered manifest set accepted
 * @param cacheEntries how many renders each cache level keeps (least recently used go first)
 */
public record RenderLimits(YamlLimits yaml, long maxOutputBytes, int cacheEntries) {
  public static final RenderLimits DEFAULT =
      new RenderLimits(YamlLimits.DEFAULT, 32L * 1024 * 1024, 4096);

  public RenderLimits {
    if (yaml == null || maxOutputBytes <= 0 || cacheEntries <= 0) {
      throw new IllegalArgumentException(
          "render limits must be set and positive: maxOutputBytes="
              + maxOutputBytes
              + ", cacheEntries="
              + cacheEntries);
    }
  }
}
