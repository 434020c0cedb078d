package dev.flotilla.agent;

import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Names;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How an agent starts, validated once.
 *
 * @param hubUrl the hub's HTTPS URL
 * @param token the bootstrap token; needed only until the agent has enrolled
 * @param dataDir the local store (sealed files and the key)
 * @param name the cluster's name (a DNS label)
 * @param labels labels the agent asks for at enrollment
 * @param keyFile the store key; empty for {@code <dataDir>/key}, created 0600 on first start
 * @param sync timings
 */
public record AgentConfig(
    String hubUrl,
    Optional<String> token,
    Path dataDir,
    String name,
    Labels labels,
    Optional<Path> keyFile,
    SyncSettings sync) {
  public AgentConfig {
    if (hubUrl == null || !hubUrl.startsWith("https://")) {
      throw new IllegalArgumentException("--hub must be an https:// URL, got " + hubUrl);
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    Names.requireDnsLabel("--name", name);
    token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank());
    labels = labels == null ? Labels.EMPTY : labels;
    keyFile = keyFile == null ? Optional.empty() : keyFile;
    sync = sync == null ? SyncSettings.DEFAULT : sync;
  }

  public Path key() {
    return keyFile.orElse(dataDir.resolve("key"));
  }
}
