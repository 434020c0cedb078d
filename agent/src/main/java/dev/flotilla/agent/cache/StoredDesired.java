package dev.flotilla.agent.cache;

import dev.flotilla.protocol.SignedDocument;

/** The last verified desired document, exactly as the hub signed it, and its entity tag. */
public record StoredDesired(SignedDocument signed, String etag) {}
