package dev.flotilla.render;

/**
 * Counters of a caching renderer, for the hub's metrics.
 *
 * @param baseRenders kustomize or helm builds performed (first cache level misses)
 * @param baseHits builds answered from the first cache level
 * @param substitutions manifest sets produced by substitution (second level misses)
 * @param hits renders answered whole from the second cache level
 */
public record RenderStats(long baseRenders, long baseHits, long substitutions, long hits) {
  /** Total renders that did real work at either level. */
  public long renders() {
    return baseRenders + substitutions;
  }
}
