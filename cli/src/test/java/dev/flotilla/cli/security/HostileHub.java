package dev.flotilla.cli.security;

import dev.flotilla.hub.Hub;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.http.HttpsServer;
import dev.flotilla.hub.http.Router;
import dev.flotilla.protocol.AgentApi;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server that impersonates the hub on the network (it holds the hub's TLS server key, as a
 * compromised replica or a stolen key would) and serves whatever documents and blobs a test sets.
 * Status reports are refused, so the agent's events stay queued for the test to read.
 */
final class HostileHub implements AutoCloseable {
  final AtomicReference<SignedDocument> document = new AtomicReference<>();
  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final HttpsServer server;

  HostileHub(Hub real) throws Exception {
    Router router =
        new Router()
            .add(
                "GET",
                AgentApi.DESIRED,
                ex -> {
                  ex.header("ETag", "\"" + UUID.randomUUID() + "\"");
                  ex.respond(200, AgentApi.JSON, Json.write(document.get()));
                })
            .add(
                "GET",
                AgentApi.BLOBS + "{digest}",
                ex -> {
                  byte[] b = blobs.get(ex.pathParam("digest"));
                  if (b == null) {
                    throw HttpError.notFound("no blob");
                  }
                  ex.respond(200, "application/yaml", b);
                })
            .add(
                "POST",
                AgentApi.STATUS,
                ex -> {
                  throw new HttpError(503, "unavailable", "not today", 1);
                });
    server =
        new HttpsServer(
            new InetSocketAddress("127.0.0.1", 0),
            real.pki().ca(),
            real.pki().serverCertificate(),
            real.pki().serverKey(),
            router);
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + server.port();
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
