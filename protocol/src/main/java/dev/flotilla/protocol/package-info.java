/**
 * The hub ⇄ agent wire contract: endpoint paths and headers ({@link
 * dev.flotilla.protocol.AgentApi}), the JSON records exchanged, and the rules both sides share
 * (signed desired documents, sequence-numbered status). The agent only ever dials out; see {@code
 * docs/protocol.md}.
 */
package dev.flotilla.protocol;
