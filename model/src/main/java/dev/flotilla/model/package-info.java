/**
 * Values shared by every part of Flotilla: identities, labels and selectors, digests and revisions,
 * the parsed form of {@code bundle.yaml}, facts and requirements, and Kubernetes objects as plain
 * maps. Only the JDK is used here; every record validates itself, and every decision in this
 * package (selector matching, admission) is a pure function.
 */
package dev.flotilla.model;
