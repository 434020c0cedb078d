package dev.flotilla.cli;

import dev.flotilla.cli.ErrorHandler.UsageError;
import dev.flotilla.hub.admin.AdminViews.SourceAuthRequest;
import dev.flotilla.hub.admin.AdminViews.SourceRequest;
import dev.flotilla.hub.admin.AdminViews.SourceView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla source add|list|get|remove}. Secrets (token, SSH key, webhook secret) are read
 * from files or the environment, never from the command line, where {@code ps} would show them.
 */
@Command(
    name = "source",
    mixinStandardHelpOptions = true,
    description = "Manage the Git sources the hub reads bundles from.",
    subcommands = {
      SourceCommand.Add.class,
      SourceCommand.ListSources.class,
      SourceCommand.Get.class,
      SourceCommand.Remove.class
    })
final class SourceCommand {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a Git source, or replace the settings of the one with this name.")
  static final class Add implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(index = "0", paramLabel = "NAME", description = "the source's name (a DNS label)")
    String name;

    @Option(
        names = "--url",
        required = true,
        description = "https://…, ssh://…, git@host:path, or file://…")
    String url;

    @Option(names = "--branch", defaultValue = "main", description = "default: ${DEFAULT-VALUE}")
    String branch;

    @Option(
        names = "--path",
        defaultValue = "",
        description = "directory to look for bundle.yaml in (default: the whole repository)")
    String path;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "HTTPS token (sent as the password), read from FILE; - for stdin")
    String tokenFile;

    @Option(
        names = "--token-env",
        paramLabel = "VAR",
        description = "HTTPS token read from the environment variable VAR")
    String tokenEnv;

    @Option(
        names = "--username",
        defaultValue = "",
        description = "HTTPS user name sent with the token (default: git)")
    String username;

    @Option(
        names = "--ssh-key",
        paramLabel = "FILE",
        description = "SSH private key (OpenSSH or PEM, no passphrase)")
    Path sshKey;

    @Option(
        names = "--known-hosts",
        paramLabel = "FILE",
        description =
            "the Git server's SSH host keys (known_hosts lines); without it the first key seen is"
                + " trusted")
    Path knownHosts;

    @Option(
        names = "--webhook-secret-file",
        paramLabel = "FILE",
        description = "the secret its webhooks are signed with (at least 16 characters)")
    String webhookSecretFile;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml")
    Output.Format format;

    @Override
    public void run() {
      if (tokenFile != null && tokenEnv != null) {
        throw new UsageError("give the token with --token-file or --token-env, not both");
      }
      boolean token = tokenFile != null || tokenEnv != null;
      if (token && sshKey != null) {
        throw new UsageError("a source authenticates with a token or an SSH key, not both");
      }
      SourceAuthRequest auth = null;
      if (token) {
        String t = tokenFile != null ? read(tokenFile, "--token-file") : env(tokenEnv);
        auth = new SourceAuthRequest("token", username, t, null, null);
      } else if (sshKey != null) {
        auth =
            new SourceAuthRequest(
                "ssh",
                null,
                null,
                read(sshKey.toString(), "--ssh-key"),
                knownHosts == null ? "" : read(knownHosts.toString(), "--known-hosts"));
      }
      String webhook =
          webhookSecretFile == null ? null : read(webhookSecretFile, "--webhook-secret-file");
      try (AdminClient c = admin.client()) {
        SourceView v =
            c.post(
                "/v1/admin/sources",
                new SourceRequest(name, url, branch, path, auth, webhook),
                SourceView.class);
        if (format == Output.Format.json || format == Output.Format.yaml) {
          Output.raw(
              c.getRaw("/v1/admin/sources/" + AdminClient.encode(v.name())), format, System.out);
          return;
        }
        System.out.println(
            "source "
                + v.name()
                + " saved ("
                + v.url()
                + " "
                + v.branch()
                + ", auth "
                + v.auth()
                + (v.webhook() ? ", webhook" : "")
                + "); the hub fetches it now");
      }
    }

    private static String read(String file, String flag) {
      try {
        byte[] bytes =
            file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        return new String(bytes, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UsageError(flag + ": cannot read " + file + ": " + e.getMessage());
      }
    }

    private static String env(String var) {
      String v = System.getenv(var);
      if (v == null || v.isBlank()) {
        throw new UsageError("--token-env: the environment variable " + var + " is not set");
      }
      return v.strip();
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List sources: revision, last fetch, errors (never credentials).")
  static final class ListSources implements Runnable {
    @Mixin AdminOptions admin;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, wide, json or yaml")
    Output.Format format;

    @Override
    public void run() {
      try (AdminClient c = admin.client()) {
        if (format == Output.Format.json || format == Output.Format.yaml) {
          Output.raw(c.getRaw("/v1/admin/sources"), format, System.out);
          return;
        }
        Instant now = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        for (SourceView v : c.getList("/v1/admin/sources", SourceView.class)) {
          List<String> row =
              new ArrayList<>(
                  List.of(
                      v.name(),
                      v.url(),
                      v.branch(),
                      Output.shortRev(v.revision()),
                      Output.age(v.fetchedAt(), now),
                      v.error().isEmpty() ? "Ready" : "Failing"));
          if (format == Output.Format.wide) {
            row.add(v.path().isEmpty() ? "." : v.path());
            row.add(v.auth());
            row.add(v.webhook() ? "yes" : "no");
            row.add(v.error());
          }
          rows.add(row);
        }
        List<String> headers =
            new ArrayList<>(List.of("NAME", "URL", "BRANCH", "REVISION", "FETCHED", "STATUS"));
        if (format == Output.Format.wide) {
          headers.addAll(List.of("PATH", "AUTH", "WEBHOOK", "ERROR"));
        }
        Output.table(headers, rows, System.out);
      }
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Show one source and its last fetch.")
  static final class Get implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml")
    Output.Format format;

    @Override
    public void run() {
      String p = "/v1/admin/sources/" + AdminClient.encode(name);
      try (AdminClient c = admin.client()) {
        if (format == Output.Format.json || format == Output.Format.yaml) {
          Output.raw(c.getRaw(p), format, System.out);
          return;
        }
        SourceView v = c.get(p, SourceView.class);
        System.out.println("Name:      " + v.name());
        System.out.println("URL:       " + v.url());
        System.out.println("Branch:    " + v.branch());
        System.out.println("Path:      " + (v.path().isEmpty() ? "." : v.path()));
        System.out.println("Auth:      " + v.auth());
        System.out.println("Webhook:   " + (v.webhook() ? "yes" : "no"));
        System.out.println("Revision:  " + (v.revision().isEmpty() ? "<none>" : v.revision()));
        System.out.println("Fetched:   " + (v.fetchedAt() == null ? "<never>" : v.fetchedAt()));
        if (!v.error().isEmpty()) {
          System.out.println("Error:     " + v.error() + " (since " + v.errorAt() + ")");
        }
      }
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a source; clusters stop getting its bundles (and prune them).")
  static final class Remove implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public void run() {
      try (AdminClient c = admin.client()) {
        c.delete("/v1/admin/sources/" + AdminClient.encode(name), SourceView.class);
        System.out.println("source " + name + " removed");
      }
    }
  }
}
