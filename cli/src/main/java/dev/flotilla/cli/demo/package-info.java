/**
 * {@code flotilla demo}: a hub on embedded SQLite, a sample fleet repository, and N edge clusters,
 * each a real agent speaking the real protocol over HTTPS (through a link that can drop) to its own
 * in-memory Kubernetes cluster; a commit, and the fleet converging live.
 */
package dev.flotilla.cli.demo;
