package dev.flotilla.hub.admin;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and the token of the next page, empty on the last one. A page may hold
 * fewer items than asked for, even none, when a filter skips clusters: only the absence of a next
 * token means the listing is complete.
 */
public record Page<T>(List<T> items, Optional<String> next) {}
