/**
 * Network faults for tests, the demo and the simulator: a loopback TCP proxy whose link can be cut
 * (existing connections reset, new ones refused) and restored, so agents meet a real outage rather
 * than a mocked exception.
 */
package dev.flotilla.testkit.net;
