/**
 * Several hub replicas on one PostgreSQL database: a leader lease (a session advisory lock held on
 * a dedicated connection) decides which replica polls Git and writes desired state; a replica bus
 * (LISTEN/NOTIFY) carries "this cluster's document changed" to every replica's long-polls and
 * followers' requests to the leader; the CA and the signing key are shared through the database. On
 * SQLite there is one hub: it always leads and the bus is in-process. See {@code docs/ha.md}.
 */
package dev.flotilla.hub.ha;
