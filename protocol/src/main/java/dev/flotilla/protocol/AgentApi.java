package dev.flotilla.protocol;

/** Paths and headers of the agent API; both sides use these constants, never literals. */
public final class AgentApi {
  public static final String REGISTER = "/v1/agent/register";
  public static final String DESIRED = "/v1/agent/desired";
  public static final String BLOBS = "/v1/agent/blobs/";
  public static final String STATUS = "/v1/agent/status";
  public static final String RENEW = "/v1/agent/renew";

  /** Without a client certificate: an expired certificate plus proof of its key (see docs). */
  public static final String RECOVER = "/v1/agent/recover";

  /** Seconds the agent should wait before its next poll (hub → agent, on 200, 304 and 429). */
  public static final String NEXT_POLL_HEADER = "Flotilla-Next-Poll";

  /** Longest long-poll the hub honours for {@code ?wait=}. */
  public static final int MAX_WAIT_SECONDS = 300;

  public static final String JSON = "application/json";

  private AgentApi() {}
}
