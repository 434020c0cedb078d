/**
 * Write-behind for agent check-ins: what every poll and report would otherwise write one row at a
 * time is gathered in memory and written in batches by one writer. The last-seen table is flushed
 * every few seconds (an admin view may lag by that much); status reports are acknowledged only
 * after the transaction holding them commits, so an agent never drops an event the hub has not
 * stored.
 */
package dev.flotilla.hub.checkin;
