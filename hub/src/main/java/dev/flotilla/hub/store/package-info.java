/**
 * The hub's persistent state behind one interface, {@link dev.flotilla.hub.store.HubStore}: one
 * JDBC implementation runs on embedded SQLite (WAL, the default) and on PostgreSQL, with the same
 * Flyway migrations and the same contract tests.
 */
package dev.flotilla.hub.store;
