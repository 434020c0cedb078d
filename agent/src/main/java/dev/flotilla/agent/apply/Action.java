package dev.flotilla.agent.apply;

/** What a run did to one object. */
public enum Action {
  /** The object did not exist and was applied. */
  CREATED,
  /** The object existed and differed; it was applied. */
  CONFIGURED,
  /** The object existed as desired; nothing was written. */
  UNCHANGED,
  /** The object was pruned. */
  DELETED,
  /** The object was deliberately left alone (see the message: opted out, not ours, gone). */
  SKIPPED,
  /** The object could not be applied or deleted (see the message); the run went on. */
  FAILED;

  /** Whether the cluster was written. */
  public boolean wrote() {
    return this == CREATED || this == CONFIGURED || this == DELETED;
  }
}
