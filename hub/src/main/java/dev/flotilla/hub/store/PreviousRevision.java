package dev.flotilla.hub.store;

/**
 * A bundle's previous good revision: the last one that was fully rolled out before the newest.
 * Clusters the newest revision's rollout has not reached run it, and a rollback returns to it.
 *
 * @param path the bundle's directory in that revision
 * @param specYaml the text of its {@code bundle.yaml} in that revision
 */
public record PreviousRevision(String name, String revision, String path, String specYaml) {}
