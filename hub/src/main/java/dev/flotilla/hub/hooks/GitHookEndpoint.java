package dev.flotilla.hub.hooks;

import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.http.Router;
import dev.flotilla.hub.store.SourceRecord;
import dev.flotilla.hub.store.SourceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/hooks/git}: a push webhook from GitHub, GitLab, Gitea or anything that signs the
 * same way. The request must verify against the webhook secret of at least one source, or it is a
 * {@code 401} that says nothing about which sources exist. Among the sources whose secret verifies,
 * those that follow the pushed repository and branch are fetched now ({@code 202}).
 */
public final class GitHookEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(GitHookEndpoint.class);
  public static final String PATH = "/v1/hooks/git";

  /** Largest accepted payload (a push of many commits is large). */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final SourceStore sources;
  private final Consumer<List<String>> fetch;

  /**
   * @param fetch asks the fleet loop (on the leader) to fetch these sources
   */
  public GitHookEndpoint(SourceStore sources, Consumer<List<String>> fetch) {
    this.sources = sources;
    this.fetch = fetch;
  }

  /** The answer: which sources will be fetched, and why none when none. */
  public record Accepted(List<String> sources, String message) {}

  public Router routes(Router router) {
    return router.add("POST", PATH, this::hook);
  }

  private void hook(Exchange ex) {
    // credentials first: an unsigned request never gets to make the hub read a large body
    WebhookSignature signature =
        WebhookSignature.from(
                ex.header(WebhookSignature.GITHUB_HEADER),
                ex.header(WebhookSignature.GITLAB_HEADER))
            .orElseThrow(
                () ->
                    HttpError.unauthorized(
                        "a webhook needs an X-Hub-Signature-256 (sha256=HMAC) or X-Gitlab-Token"
                            + " header made with a source's webhook secret"));
    byte[] body = ex.body(MAX_BODY_BYTES);
    List<SourceRecord> verified =
        sources.list().stream()
            .filter(
                s -> !s.webhookSecret().isEmpty() && signature.verifies(body, s.webhookSecret()))
            .toList();
    if (verified.isEmpty()) {
      throw HttpError.unauthorized(
          "the webhook's signature does not verify with the webhook secret of any source");
    }
    String event = ex.header("X-GitHub-Event").or(() -> ex.header("X-Gitlab-Event")).orElse("push");
    if (event.equals("ping")) {
      ex.respondJson(200, new Accepted(List.of(), "pong"));
      return;
    }
    PushEvent push;
    try {
      push = PushEvent.parse(body);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    List<String> matched = new ArrayList<>();
    for (SourceRecord s : verified) {
      if (push.concerns(s.url(), s.branch())) {
        matched.add(s.name());
      }
    }
    if (matched.isEmpty()) {
      ex.respondJson(
          202,
          new Accepted(
              List.of(),
              "no source follows branch "
                  + push.branch().orElse("(not a branch push)")
                  + " of "
                  + String.join(" / ", push.repositoryUrls())));
      return;
    }
    LOG.info("webhook ({}) for {}: fetching {}", event, push.branch().orElse(""), matched);
    fetch.accept(matched);
    ex.respondJson(202, new Accepted(matched, "fetching " + String.join(", ", matched)));
  }

  /** For tests and docs: the headers a GitHub delivery of {@code body} carries. */
  public static Map<String, String> githubHeaders(byte[] body, String secret) {
    return Map.of(
        "X-GitHub-Event",
        "push",
        WebhookSignature.GITHUB_HEADER,
        WebhookSignature.githubHeaderValue(body, secret));
  }
}
