/**
 * Renders Helm charts that live in the repository, through Helm itself (helm-java, a native
 * library). Loaded only for bundles with {@code render.helm}; where the native library is missing,
 * those bundles fail with a clear message and every other bundle renders as usual.
 */
package dev.flotilla.render.helm;
