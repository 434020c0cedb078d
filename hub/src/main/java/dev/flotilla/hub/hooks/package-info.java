/**
 * Git webhooks: {@code POST /v1/hooks/git} takes GitHub and GitLab push events, checks their
 * signature against each source's webhook secret (HMAC-SHA256 in {@code X-Hub-Signature-256}, or
 * the {@code X-Gitlab-Token}), and asks for a fetch of the sources that follow the pushed
 * repository and branch. Parsing and verification are pure.
 */
package dev.flotilla.hub.hooks;
