package dev.flotilla.cli.sim;

/** The kinds of calls the simulator times. */
public enum Call {
  /** TCP connect plus TLS handshake. */
  CONNECT,
  /** {@code GET /v1/agent/desired} answered 200 with a document. */
  DESIRED_200,
  /** {@code GET /v1/agent/desired} answered 304 Not Modified. */
  DESIRED_304,
  /** {@code GET /v1/agent/blobs/DIGEST}. */
  BLOB,
  /** {@code POST /v1/agent/status}. */
  STATUS,
  /** A whole check-in: connect, poll, blobs and status, close. */
  CHECK_IN
}
