package dev.flotilla.protocol;

/**
 * The body of a 200 from {@code /v1/agent/desired}: the exact payload bytes that were signed, so
 * the agent verifies bytes, not a re-serialisation.
 *
 * @param payload base64 of the JSON of a {@link DesiredDocument}
 * @param signature base64 Ed25519 signature over the payload bytes
 * @param keyId which hub signing key made it (sha256 prefix of the public key)
 */
public record SignedDocument(String payload, String signature, String keyId) {}
