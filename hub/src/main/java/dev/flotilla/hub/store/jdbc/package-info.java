/**
 * The JDBC implementation of the hub store: portable SQL (upserts with {@code ON CONFLICT}, times
 * as epoch milliseconds) that runs on SQLite and PostgreSQL alike, migrated by Flyway at start.
 */
package dev.flotilla.hub.store.jdbc;
