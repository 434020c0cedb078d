/**
 * The hub's HTTP plumbing on Jetty core handlers: TLS 1.3 with optional client certificates, a
 * small router, an exchange wrapper that enforces body limits and answers every error as JSON with
 * a 4xx/5xx (never an HTML page, never a hang), virtual threads for blocking work.
 */
package dev.flotilla.hub.http;
