/**
 * Which clusters a bundle goes to: label selectors over cluster labels, then {@code requires} over
 * reported facts. Pure functions; a cluster that matches but lacks something gets a "not admitted"
 * decision with the reason.
 */
package dev.flotilla.hub.target;
