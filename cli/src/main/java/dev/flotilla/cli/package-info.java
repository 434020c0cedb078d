/**
 * The {@code flotilla} executable: one picocli command per subcommand, each a thin shell that
 * parses flags, validates them once, and hands over to the hub, agent or render modules.
 */
package dev.flotilla.cli;
