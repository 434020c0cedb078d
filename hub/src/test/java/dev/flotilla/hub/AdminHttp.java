package dev.flotilla.hub;

import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Plain HTTPS calls to a hub as admin.conf describes it (the CA is the only trust anchor). */
final class AdminHttp implements AutoCloseable {
  final AdminConf conf;
  final HttpClient http;

  AdminHttp(Path adminConf) {
    this.conf = AdminConf.read(adminConf);
    this.http =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.trusting(Pem.certificate(conf.caCertificate())))
            .sslParameters(TlsContexts.parameters())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
            .build());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** A request without the admin token (webhooks, metrics). */
  HttpResponse<String> postRaw(String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(conf.hub() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return send(b.build());
  }

  HttpResponse<String> getRaw(String path) {
    return send(HttpRequest.newBuilder(URI.create(conf.hub() + path)).GET().build());
  }

  /** Creates a bootstrap token with these labels and returns it. */
  String token(Map<String, String> labels) {
    HttpResponse<String> r =
        post("/v1/admin/tokens", Map.of("labels", labels, "ttl", "1h", "description", "test"));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("token create: " + r.statusCode() + " " + r.body());
    }
    return Json.read(r.body().getBytes(StandardCharsets.UTF_8), Map.class, "token")
        .get("token")
        .toString();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(conf.hub() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + conf.token());
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(r.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
