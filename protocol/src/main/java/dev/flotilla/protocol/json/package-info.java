/**
 * JSON for the wire and for files: one configured Jackson mapper with limits on nesting, string and
 * document size, so a hostile peer cannot exhaust memory through a request body.
 */
package dev.flotilla.protocol.json;
