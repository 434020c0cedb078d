package dev.flotilla.protocol;

/**
 * The JSON body of every 4xx/5xx from the hub.
 *
 * @param error a short machine-readable reason, e.g. {@code token_expired}
 * @param message what happened and what to do
 */
public record ErrorBody(String error, String message) {}
