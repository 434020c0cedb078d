package dev.flotilla.cli;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.BundleDetail;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.Page;
import dev.flotilla.hub.admin.PageRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /**
   * One page of a paged listing ({@code GET /v1/admin/clusters}): its items and the token of the
   * next page from the {@code Flotilla-Continue} header, empty on the last page.
   */
  public <T> Page<T> getPage(String path, Class<T> element) {
    HttpResponse<byte[]> r = exchange(request(path).GET().build());
    JavaType t = Json.mapper().getTypeFactory().constructCollectionType(List.class, element);
    try {
      return new Page<>(Json.mapper().readValue(r.body(), t), next(r));
    } catch (IOException e) {
      throw new IllegalStateException(
          "the hub's answer to " + path + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Every item of a paged listing, following continue tokens to the last page. */
  public <T> List<T> getAll(String path, Class<T> element) {
    List<T> all = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      Page<T> page = getPage(continued(path, token), element);
      all.addAll(page.items());
      token = page.next();
    } while (token.isPresent());
    return all;
  }

  /** A bundle with every page of its clusters ({@code GET /v1/admin/bundles/{name}} pages them). */
  public BundleDetail bundleDetail(String name) {
    String path = "/v1/admin/bundles/" + encode(name);
    BundleDetail first = null;
    List<ClusterBundle> clusters = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      HttpResponse<byte[]> r = exchange(request(continued(path, token)).GET().build());
      BundleDetail d = Json.read(r.body(), BundleDetail.class, "hub response");
      first = first == null ? d : first;
      clusters.addAll(d.clusters());
      token = next(r);
    } while (token.isPresent());
    return new BundleDetail(first.bundle(), clusters);
  }

  /**
   * The raw JSON of every page of a paged GET, for {@code -o json|yaml}: the pages' arrays joined
   * into one (or, with {@code field}, that array field of the first page's object).
   */
  byte[] getAllRaw(String path, String field) {
    JsonNode whole = null;
    Optional<String> token = Optional.empty();
    do {
      HttpResponse<byte[]> r = exchange(request(continued(path, token)).GET().build());
      JsonNode page;
      try {
        page = Json.mapper().readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(
            "the hub's answer to " + path + " is malformed: " + e.getMessage(), e);
      }
      if (whole == null) {
        whole = page;
      } else if (field == null) {
        ((ArrayNode) whole).addAll((ArrayNode) page);
      } else {
        ((ArrayNode) whole.get(field)).addAll((ArrayNode) page.get(field));
      }
      token = next(r);
    } while (token.isPresent());
    return Json.write(whole);
  }

  /** {@code path} asking for the page after {@code token}, if any. */
  static String continued(String path, Optional<String> token) {
    return token
        .map(t -> path + (path.contains("?") ? "&" : "?") + "continue=" + encode(t))
        .orElse(path);
  }

  private static Optional<String> next(HttpResponse<?> r) {
    return r.headers().firstValue(PageRequest.CONTINUE_HEADER).filter(t -> !t.isEmpty());
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
    return exchange(request).body();
  }

  /** The response to {@code request} if it succeeded; else an error with the hub's message. */
  private HttpResponse<byte[]> exchange(HttpRequest request) {
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
      return r;
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
