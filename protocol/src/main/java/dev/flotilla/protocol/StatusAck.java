package dev.flotilla.protocol;

/**
 * The hub's receipt: every event with {@code seq <= ackedEventSeq} and the report {@code reportSeq}
 * are stored; the agent may drop them.
 */
public record StatusAck(long reportSeq, long ackedEventSeq) {}
