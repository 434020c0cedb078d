package dev.flotilla.cli.sim;

import dev.flotilla.hub.pki.ClientCertificateMint;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla sim mint}: bulk identities for the simulator, offline, from a hub's data dir. */
@Command(
    name = "mint",
    mixinStandardHelpOptions = true,
    description = {
      "Mint N cluster identities offline from a hub's data directory: a key pair and a client"
          + " certificate from the hub CA for each, and a row in the hub's cluster registry.",
      "Stop the hub first (or restart it after): it prepares desired documents for all clusters"
          + " when it starts."
    })
final class MintCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "HUBDIR",
      description = "the hub's data directory")
  Path dataDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = "the hub's --db, if it has one (default: SQLite in --data-dir)")
  String db;

  @Option(names = "--clusters", required = true, paramLabel = "N", description = "how many")
  int clusters;

  @Option(
      names = "--first",
      defaultValue = "0",
      paramLabel = "I",
      description = "number of the first cluster (to add to a fleet minted before)")
  long first;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "where identities go")
  Path out;

  @Option(
      names = "--labels-seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "seed of the label draw (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--regions",
      defaultValue = LabelDistribution.DEFAULT_REGIONS,
      description = "regions and weights (default: ${DEFAULT-VALUE})")
  String regions;

  @Option(
      names = "--models",
      defaultValue = LabelDistribution.DEFAULT_MODELS,
      description = "device models and weights (default: ${DEFAULT-VALUE})")
  String models;

  @Option(
      names = "--cert-ttl",
      defaultValue = "90d",
      description = "certificate lifetime (default: ${DEFAULT-VALUE})")
  String certTtl;

  @Override
  public Integer call() throws Exception {
    if (clusters <= 0) {
      throw new IllegalArgumentException("--clusters must be positive, got " + clusters);
    }
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("--data-dir " + dataDir + " is not a directory");
    }
    LabelDistribution labels =
        new LabelDistribution(
            LabelDistribution.parse("--regions", regions),
            LabelDistribution.parse("--models", models),
            seed);
    Clock clock = Clock.systemUTC();
    ClientCertificateMint mint = ClientCertificateMint.load(dataDir.resolve("pki"), clock);
    String url = db != null ? db : "jdbc:sqlite:" + dataDir.resolve("flotilla.db").toAbsolutePath();
    try (JdbcHubStore store = JdbcHubStore.open(url, clock)) {
      long n =
          new FleetMinter(
                  mint, store.clusters(), labels, DurationText.parse(certTtl), clock, System.err)
              .mint(first, clusters, out);
      System.out.println("minted " + n + " identities into " + out);
    }
    return 0;
  }
}
