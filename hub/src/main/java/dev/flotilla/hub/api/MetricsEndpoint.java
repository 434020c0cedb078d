package dev.flotilla.hub.api;

import dev.flotilla.hub.distribute.DesiredWatch;
import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.Router;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /metrics}: the hub's load figures in the Prometheus text format. Counts and flags
 * only, nothing about any cluster, so it needs no credentials.
 */
public final class MetricsEndpoint {
  public static final String PATH = "/metrics";

  private final LoadShedder shedder;
  private final DesiredWatch watch;
  private final BooleanSupplier leader;

  public MetricsEndpoint(LoadShedder shedder, DesiredWatch watch, BooleanSupplier leader) {
    this.shedder = shedder;
    this.watch = watch;
    this.leader = leader;
  }

  public Router routes(Router r) {
    return r.add("GET", PATH, this::metrics);
  }

  private void metrics(Exchange ex) {
    StringBuilder b = new StringBuilder();
    gauge(
        b,
        "flotilla_hub_leader",
        "1 if this replica holds the leader lease",
        leader.getAsBoolean() ? 1 : 0);
    gauge(
        b, "flotilla_agent_requests_in_flight", "agent requests being handled", shedder.inFlight());
    gauge(
        b,
        "flotilla_agent_requests_in_flight_limit",
        "the in-flight limit",
        shedder.limits().maxInFlight());
    gauge(b, "flotilla_agent_long_polls_held", "long-polls held", shedder.heldLongPolls());
    gauge(
        b,
        "flotilla_agent_long_polls_limit",
        "the long-poll limit",
        shedder.limits().maxLongPolls());
    gauge(
        b,
        "flotilla_desired_watchers",
        "long-polls waiting for a document change",
        watch.waiting());
    b.append("# HELP flotilla_agent_shed_total agent requests refused with 429, by limit\n");
    b.append("# TYPE flotilla_agent_shed_total counter\n");
    b.append("flotilla_agent_shed_total{limit=\"in_flight\"} ")
        .append(shedder.shedForInFlight())
        .append('\n');
    b.append("flotilla_agent_shed_total{limit=\"long_polls\"} ")
        .append(shedder.shedForLongPolls())
        .append('\n');
    ex.respond(
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void gauge(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
