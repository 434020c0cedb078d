package dev.flotilla.hub;

import dev.flotilla.hub.api.LoadLimits;
import dev.flotilla.hub.source.SourceSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a hub is started with, validated once.
 *
 * @param dataDir where the database (SQLite default), keys, sources and admin.conf live
 * @param database a JDBC URL; empty for {@code jdbc:sqlite:<dataDir>/flotilla.db}
 * @param listen address and port for HTTPS
 * @param source a Git source to add or update at start
 * @param sourcePollInterval how often sources are fetched
 * @param agentPollInterval how often agents are told to come back
 * @param offlineAfter a cluster not seen for this long counts as offline
 * @param certificateTtl lifetime of cluster client certificates
 * @param serverNames host names and IPs for the server certificate besides the defaults
 * @param advertiseUrl the URL written to admin.conf; empty to derive it from {@code listen}
 * @param recoveryGrace how long after its certificate expired an agent may still recover with it
 *     ({@code POST /v1/agent/recover}); after that it needs a new bootstrap token
 * @param limits how much agent traffic is taken at once before shedding with 429
 * @param lastSeenFlush how often the last contact of clusters that checked in is written, in one
 *     batch; admin views and the offline verdict lag by up to this much
 */
public record HubConfig(
    Path dataDir,
    Optional<String> database,
    InetSocketAddress listen,
    Optional<SourceSpec> source,
    Duration sourcePollInterval,
    Duration agentPollInterval,
    Duration offlineAfter,
    Duration certificateTtl,
    List<String> serverNames,
    Optional<String> advertiseUrl,
    Duration recoveryGrace,
    LoadLimits limits,
    Duration lastSeenFlush) {
  public static final Duration DEFAULT_RECOVERY_GRACE = Duration.ofDays(30);
  public static final Duration DEFAULT_LAST_SEEN_FLUSH = Duration.ofSeconds(2);

  public HubConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    database = database == null ? Optional.empty() : database;
    source = source == null ? Optional.empty() : source;
    serverNames = List.copyOf(serverNames == null ? List.of() : serverNames);
    advertiseUrl = advertiseUrl == null ? Optional.empty() : advertiseUrl;
    recoveryGrace = recoveryGrace == null ? DEFAULT_RECOVERY_GRACE : recoveryGrace;
    limits = limits == null ? LoadLimits.DEFAULT : limits;
    lastSeenFlush = lastSeenFlush == null ? DEFAULT_LAST_SEEN_FLUSH : lastSeenFlush;
    if (recoveryGrace.isNegative()) {
      throw new IllegalArgumentException("--recovery-grace must not be negative: " + recoveryGrace);
    }
    for (Duration d :
        List.of(
            sourcePollInterval, agentPollInterval, offlineAfter, certificateTtl, lastSeenFlush)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
  }

  public static HubConfig defaults(Path dataDir, InetSocketAddress listen) {
    return new HubConfig(
        dataDir,
        Optional.empty(),
        listen,
        Optional.empty(),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofSeconds(120),
        Duration.ofDays(90),
        List.of(),
        Optional.empty(),
        DEFAULT_RECOVERY_GRACE,
        LoadLimits.DEFAULT,
        DEFAULT_LAST_SEEN_FLUSH);
  }

  public String databaseUrl() {
    return database.orElse("jdbc:sqlite:" + dataDir.resolve("flotilla.db").toAbsolutePath());
  }

  public HubConfig withSource(SourceSpec s) {
    return new HubConfig(
        dataDir,
        database,
        listen,
        Optional.of(s),
        sourcePollInterval,
        agentPollInterval,
        offlineAfter,
        certificateTtl,
        serverNames,
        advertiseUrl,
        recoveryGrace,
        limits,
        lastSeenFlush);
  }

  public HubConfig withIntervals(Duration sourcePoll, Duration agentPoll, Duration offline) {
    return new HubConfig(
        dataDir,
        database,
        listen,
        source,
        sourcePoll,
        agentPoll,
        offline,
        certificateTtl,
        serverNames,
        advertiseUrl,
        recoveryGrace,
        limits,
        lastSeenFlush);
  }

  public HubConfig withDatabase(String jdbcUrl) {
    return new HubConfig(
        dataDir,
        Optional.of(jdbcUrl),
        listen,
        source,
        sourcePollInterval,
        agentPollInterval,
        offlineAfter,
        certificateTtl,
        serverNames,
        advertiseUrl,
        recoveryGrace,
        limits,
        lastSeenFlush);
  }

  public HubConfig withRecovery(Duration certTtl, Duration grace) {
    return new HubConfig(
        dataDir,
        database,
        listen,
        source,
        sourcePollInterval,
        agentPollInterval,
        offlineAfter,
        certTtl,
        serverNames,
        advertiseUrl,
        grace,
        limits,
        lastSeenFlush);
  }

  public HubConfig withLimits(LoadLimits l) {
    return new HubConfig(
        dataDir,
        database,
        listen,
        source,
        sourcePollInterval,
        agentPollInterval,
        offlineAfter,
        certificateTtl,
        serverNames,
        advertiseUrl,
        recoveryGrace,
        l,
        lastSeenFlush);
  }

  public HubConfig withLastSeenFlush(Duration every) {
    return new HubConfig(
        dataDir,
        database,
        listen,
        source,
        sourcePollInterval,
        agentPollInterval,
        offlineAfter,
        certificateTtl,
        serverNames,
        advertiseUrl,
        recoveryGrace,
        limits,
        every);
  }
}
