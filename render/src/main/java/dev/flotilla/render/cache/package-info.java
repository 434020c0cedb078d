/**
 * Render once per distinct input: {@link dev.flotilla.render.cache.RenderCache} is a bounded,
 * thread-safe LRU memo whose concurrent misses on one key compute once, with counters the hub can
 * expose.
 */
package dev.flotilla.render.cache;
