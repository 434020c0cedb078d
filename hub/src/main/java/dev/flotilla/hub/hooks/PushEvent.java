package dev.flotilla.hub.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a push webhook says (pure parsing of GitHub and GitLab payloads): the repository's URLs and
 * the pushed branch.
 *
 * @param repositoryUrls every clone or web URL the payload gives for the repository
 * @param branch the pushed branch; empty for a tag or another kind of ref
 */
public record PushEvent(Set<String> repositoryUrls, Optional<String> branch) {
  private static final List<String> URL_FIELDS =
      List.of(
          "clone_url",
          "ssh_url",
          "git_url",
          "html_url",
          "url",
          "git_http_url",
          "git_ssh_url",
          "web_url",
          "homepage");

  public PushEvent {
    repositoryUrls = Set.copyOf(repositoryUrls);
  }

  /**
   * @throws IllegalArgumentException when the body is not a push payload (the message says what is
   *     missing)
   */
  public static PushEvent parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the webhook body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the webhook body is not a JSON object");
    }
    Set<String> urls = new LinkedHashSet<>();
    for (String holder : List.of("repository", "project")) {
      JsonNode repo = root.path(holder);
      for (String field : URL_FIELDS) {
        JsonNode v = repo.path(field);
        if (v.isTextual() && !v.asText().isBlank()) {
          urls.add(v.asText());
        }
      }
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(
          "the webhook body names no repository (repository.clone_url, project.git_http_url, ...)");
    }
    String ref = root.path("ref").asText("");
    Optional<String> branch =
        ref.startsWith("refs/heads/")
            ? Optional.of(ref.substring("refs/heads/".length()))
            : Optional.empty();
    return new PushEvent(urls, branch);
  }

  /** Whether this push is to {@code branch} of the repository at {@code url}. */
  public boolean concerns(String url, String sourceBranch) {
    if (branch.isEmpty() || !branch.get().equals(sourceBranch)) {
      return false;
    }
    String key = RepositoryKey.of(url);
    return repositoryUrls.stream().anyMatch(u -> RepositoryKey.of(u).equals(key));
  }
}
