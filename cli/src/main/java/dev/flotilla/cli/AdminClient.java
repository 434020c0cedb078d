package dev.flotilla.cli;

import com.fasterxml.jackson.databind.JavaType;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.protocol.ErrorBody;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Calls the hub's admin API as described by an {@code admin.conf}. */
public final class AdminClient implements AutoCloseable {
  private final AdminConf conf;
  private final HttpClient http;

  public AdminClient(AdminConf conf) {
    this.conf = conf;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TlsContexts.trusting(Pem.certificate(conf.caCertificate())))
            .sslParameters(TlsContexts.parameters())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * The config from {@code --config}, else {@code FLOTILLA_CONFIG}; an error says how to set it.
   */
  static AdminClient fromConfig(Path explicit) {
    Path file = explicit;
    if (file == null) {
      String env = System.getenv("FLOTILLA_CONFIG");
      if (env == null || env.isBlank()) {
        throw new IllegalArgumentException(
            "no admin config: pass --config FILE or set FLOTILLA_CONFIG (the hub writes"
                + " <data-dir>/admin.conf)");
      }
      file = Path.of(env);
    }
    return new AdminClient(AdminConf.read(file));
  }

  public String hubUrl() {
    return conf.hub();
  }

  public <T> T get(String path, Class<T> type) {
    return Json.read(send(request(path).GET().build()), type, "hub response");
  }

  public <T> List<T> getList(String path, Class<T> element) {
    JavaType t = Json.mapper().getTypeFactory().constructCollectionType(List.class, element);
    try {
      return Json.mapper().readValue(send(request(path).GET().build()), t);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the hub's answer to " + path + " is malformed: " + e.getMessage(), e);
    }
  }

  /** The raw JSON of a GET, for {@code -o json|yaml}. */
  byte[] getRaw(String path) {
    return send(request(path).GET().build());
  }

  public <T> T post(String path, Object body, Class<T> type) {
    return Json.read(
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .build()),
        type,
        "hub response");
  }

  <T> T delete(String path, Class<T> type) {
    return Json.read(send(request(path).DELETE().build()), type, "hub response");
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(conf.hub() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + conf.token());
  }

  private byte[] send(HttpRequest request) {
    HttpResponse<byte[]> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach the hub at "
              + conf.hub()
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the hub", e);
    }
    if (r.statusCode() >= 200 && r.statusCode() < 300) {
      return r.body();
    }
    String message = new String(r.body(), StandardCharsets.UTF_8);
    try {
      message = Json.read(r.body(), ErrorBody.class, "error").message();
    } catch (RuntimeException ignored) {
      // not an error body of ours; show it raw
    }
    throw new IllegalStateException("hub answered " + r.statusCode() + ": " + message);
  }

  @Override
  public void close() {
    http.close();
  }
}
