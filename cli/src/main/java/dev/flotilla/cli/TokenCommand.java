package dev.flotilla.cli;

import dev.flotilla.hub.admin.AdminViews.AdminTokenView;
import dev.flotilla.hub.admin.AdminViews.CreateAdminToken;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedAdminToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.admin.AdminViews.TokenView;
import dev.flotilla.model.DurationText;
import dev.flotilla.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla token create|list|revoke}. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Manage bootstrap tokens that let clusters join.",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand {

  /** Prints the token alone on stdout so scripts can capture it. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a bootstrap token; prints it alone on stdout.")
  static final class Create implements Runnable {
    @Mixin AdminOptions admin;

    @Option(
        names = "--labels",
        paramLabel = "k=v,...",
        description = "labels every cluster joining with it gets")
    String labels;

    @Option(
        names = "--uses",
        paramLabel = "N",
        description = "how many clusters may join with it (default: unlimited)")
    Integer uses;

    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        defaultValue = "24h",
        description = "lifetime, e.g. 30m, 24h, 7d (default: ${DEFAULT-VALUE})")
    String ttl;

    @Option(names = "--description", description = "a note shown in `token list`")
    String description;

    @Option(
        names = "--admin",
        description =
            "create an admin API token instead (flta.…, for admin.conf or FLOTILLA_CONFIG); it does"
                + " not expire: revoke it with `token revoke --admin ID`")
    boolean adminToken;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "with --admin: viewer, operator or admin (default: viewer)")
    String role;

    @Override
    public void run() {
      if (role != null && !adminToken) {
        throw new ErrorHandler.UsageError("--role applies to admin tokens: add --admin");
      }
      if (adminToken) {
        if (labels != null || uses != null) {
          throw new ErrorHandler.UsageError(
              "--labels and --uses apply to bootstrap tokens, not --admin");
        }
        try (AdminClient c = admin.client()) {
          CreatedAdminToken t =
              c.post(
                  "/v1/admin/admin-tokens",
                  new CreateAdminToken(role == null ? "viewer" : role, description),
                  CreatedAdminToken.class);
          System.out.println(t.token());
        }
        return;
      }
      Labels parsed = Labels.parse(labels);
      DurationText.parse(ttl);
      try (AdminClient c = admin.client()) {
        CreatedToken t =
            c.post(
                "/v1/admin/tokens",
                new CreateToken(parsed.map(), uses, ttl, description),
                CreatedToken.class);
        System.out.println(t.token());
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List bootstrap tokens (never their secrets).")
  static final class ListTokens implements Runnable {
    @Mixin AdminOptions admin;

    @Mixin OutputOption output;

    @Option(names = "--admin", description = "list admin API tokens instead")
    boolean adminTokens;

    @Override
    public void run() {
      String path = adminTokens ? "/v1/admin/admin-tokens" : "/v1/admin/tokens";
      try (AdminClient c = admin.client()) {
        if (adminTokens) {
          output.show(c, path, () -> adminTable(c.getList(path, AdminTokenView.class)));
        } else {
          output.show(c, path, () -> table(c.getList(path, TokenView.class)));
        }
      }
    }

    private static void adminTable(List<AdminTokenView> tokens) {
      List<List<String>> rows = new ArrayList<>();
      for (AdminTokenView t : tokens) {
        rows.add(
            List.of(
                t.id(),
                t.role(),
                t.revoked() ? "revoked" : "active",
                String.valueOf(t.createdAt()),
                t.description() == null ? "" : t.description()));
      }
      Output.table(List.of("ID", "ROLE", "STATE", "CREATED", "DESCRIPTION"), rows, System.out);
    }

    private static void table(List<TokenView> tokens) {
      Instant now = Instant.now();
      List<List<String>> rows = new ArrayList<>();
      for (TokenView t : tokens) {
        String state =
            t.revoked()
                ? "revoked"
                : t.expiresAt() != null && t.expiresAt().isBefore(now) ? "expired" : "active";
        rows.add(
            List.of(
                t.id(),
                state,
                t.usesLeft() == null ? "unlimited" : String.valueOf(t.usesLeft()),
                t.expiresAt() == null ? "never" : t.expiresAt().toString(),
                Output.labels(t.labels()),
                t.description() == null ? "" : t.description()));
      }
      Output.table(
          List.of("ID", "STATE", "USES LEFT", "EXPIRES", "LABELS", "DESCRIPTION"),
          rows,
          System.out);
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a bootstrap token by id.")
  static final class Revoke implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "ID", description = "the token id (the part after FLT1. or flta.)")
    String id;

    @Option(names = "--admin", description = "ID names an admin API token")
    boolean adminToken;

    @Override
    public void run() {
      try (AdminClient c = admin.client()) {
        if (adminToken) {
          c.delete("/v1/admin/admin-tokens/" + AdminClient.encode(id), AdminTokenView.class);
          System.out.println("admin token " + id + " revoked");
          return;
        }
        c.delete("/v1/admin/tokens/" + AdminClient.encode(id), TokenView.class);
        System.out.println("token " + id + " revoked");
      }
    }
  }
}
