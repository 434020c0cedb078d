package dev.flotilla.hub.store;

import java.util.Optional;

/**
 * Key material that every hub replica on one database must share. Written once: the first replica
 * to start puts its keys, the others adopt them.
 */
public interface SharedKeyStore {
  Optional<byte[]> get(String name);

  /** Stores {@code content} unless the name is taken; returns whether it was stored. */
  boolean putIfAbsent(String name, byte[] content);
}
