package dev.flotilla.agent.hub;

import dev.flotilla.protocol.SignedDocument;
import java.time.Duration;

/** The answer to a desired-state poll. */
public sealed interface DesiredPoll {
  /** When to poll again, as the hub said (or a default). */
  Duration nextPoll();

  /** A new document. */
  record Changed(SignedDocument document, String etag, Duration nextPoll) implements DesiredPoll {}

  /** Nothing changed (304). */
  record NotModified(Duration nextPoll) implements DesiredPoll {}
}
