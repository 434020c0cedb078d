package dev.flotilla.hub.security;

import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.enroll.TokenIssuer;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RegisterResponse;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.pki.Csrs;
import dev.flotilla.protocol.pki.Keys;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.TlsContexts;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * A real hub on loopback HTTPS for security tests: SQLite in a temp dir, a manual clock, a Git
 * source with two bundles ({@code app-a} for {@code team=a}, {@code app-b} for {@code team=b}), and
 * raw HTTP callers for the agent and admin APIs, so tests can send what no honest client would.
 */
final class SecureHub implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  final ManualClock clock;
  final Hub hub;
  final GitRepo repo;
  final String adminToken;
  private final Map<SSLContext, HttpClient> clients = new ConcurrentHashMap<>();

  private SecureHub(ManualClock clock, Hub hub, GitRepo repo, String adminToken) {
    this.clock = clock;
    this.hub = hub;
    this.repo = repo;
    this.adminToken = adminToken;
  }

  static SecureHub start(Path dir) throws Exception {
    return start(dir, c -> c);
  }

  static SecureHub start(Path dir, java.util.function.UnaryOperator<HubConfig> tune)
      throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    for (String team : List.of("a", "b")) {
      repo.write(
          "fleet/app-" + team + "/bundle.yaml",
          "namespace: team-"
              + team
              + "\ntargets:\n  - selector: {matchLabels: {team: "
              + team
              + "}}\n");
      repo.write(
          "fleet/app-" + team + "/config.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  team: "
              + team
              + "\n");
    }
    repo.commit("two teams");
    ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    HubConfig config =
        tune.apply(
            HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
                .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet")));
    // the production wiring (staged rollouts), so the API under test is the one operators get
    Hub hub = Hub.start(config, KustomizeBundleRenderer.withDefaults(), clock);
    hub.fleetLoop().pollNow().get();
    return new SecureHub(clock, hub, repo, AdminConf.read(hub.adminConf()).token());
  }

  X509Certificate ca() {
    return hub.pki().ca();
  }

  /** An admin API token with {@code role}, created straight in the store. */
  String adminToken(Role role) {
    return new TokenIssuer(hub.store().tokens(), hub.pki().caPin(), clock)
        .admin(role, "test " + role);
  }

  /** A bootstrap token from the admin API; {@code uses} and {@code ttl} may be null. */
  String bootstrapToken(Integer uses, String ttl) {
    Map<String, Object> req = new java.util.HashMap<>();
    req.put("labels", Map.of());
    if (uses != null) {
      req.put("uses", uses);
    }
    if (ttl != null) {
      req.put("ttl", ttl);
    }
    String body = Json.writeString(req);
    HttpResponse<byte[]> r = admin("POST", "/v1/admin/tokens", adminToken, body);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("token create answered " + r.statusCode() + ": " + text(r));
    }
    return Json.mapper().convertValue(json(r), Map.class).get("token").toString();
  }

  /** A device: its key pair, and once registered its certificate and cluster id. */
  record Device(String name, KeyPair keys, String clusterId, X509Certificate certificate) {
    SSLContext tls(X509Certificate ca) {
      return TlsContexts.mutual(ca, keys.getPrivate(), List.of(certificate));
    }
  }

  /** The raw answer of a registration with a fresh device key. */
  HttpResponse<byte[]> tryRegister(String name, String token, Map<String, String> labels) {
    return tryRegister(name, token, labels, Keys.generateEc());
  }

  HttpResponse<byte[]> tryRegister(
      String name, String token, Map<String, String> labels, KeyPair keys) {
    String credential = token.substring("FLT1.".length(), token.lastIndexOf('.'));
    RegisterRequest req =
        new RegisterRequest(credential, name, Csrs.create(keys, name), labels, null, null);
    return send(
        TlsContexts.trusting(ca()),
        HttpRequest.newBuilder(uri("/v1/agent/register"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(req))));
  }

  /** Registers a device with its own single-use token and {@code team} label. */
  Device register(String name, String team) {
    KeyPair keys = Keys.generateEc();
    HttpResponse<byte[]> r = tryRegister(name, bootstrapToken(1, "1h"), Map.of("team", team), keys);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("registration answered " + r.statusCode() + ": " + text(r));
    }
    RegisterResponse resp = Json.read(r.body(), RegisterResponse.class, "register");
    return new Device(name, keys, resp.clusterId(), Pem.certificate(resp.certificate()));
  }

  /** The desired document the hub serves to {@code device}, signature not checked. */
  DesiredDocument desired(Device device) {
    HttpResponse<byte[]> r = agent(device.tls(ca()), "GET", "/v1/agent/desired", null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("desired answered " + r.statusCode() + ": " + text(r));
    }
    SignedDocument s = Json.read(r.body(), SignedDocument.class, "signed");
    return Json.read(
        Base64.getDecoder().decode(s.payload()), DesiredDocument.class, "desired document");
  }

  HttpResponse<byte[]> agent(SSLContext tls, String method, String path, String jsonBody) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    return send(tls, withBody(b, method, jsonBody));
  }

  HttpResponse<byte[]> admin(String method, String path, String token, String jsonBody) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(TlsContexts.trusting(ca()), withBody(b, method, jsonBody));
  }

  HttpResponse<byte[]> send(SSLContext tls, HttpRequest.Builder request) {
    HttpClient client =
        clients.computeIfAbsent(
            tls,
            t ->
                HttpClient.newBuilder()
                    .sslContext(t)
                    .sslParameters(TlsContexts.parameters())
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TIMEOUT)
                    .build());
    try {
      return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create(hub.url() + path);
  }

  static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, String jsonBody) {
    if (jsonBody == null) {
      return b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static Map<?, ?> json(HttpResponse<byte[]> r) {
    return Json.read(r.body(), Map.class, "response");
  }

  /** The {@code error} code of a JSON error body. */
  static String errorCode(HttpResponse<byte[]> r) {
    return String.valueOf(json(r).get("error"));
  }

  Set<String> bundleNames(DesiredDocument doc) {
    return Set.copyOf(doc.bundles().stream().map(b -> b.name()).toList());
  }

  Optional<String> digestOf(DesiredDocument doc, String bundle) {
    return doc.bundles().stream()
        .filter(b -> b.name().equals(bundle))
        .map(b -> b.digest())
        .findFirst();
  }

  @Override
  public void close() throws Exception {
    clients.values().forEach(HttpClient::close);
    hub.close();
    repo.close();
  }
}
