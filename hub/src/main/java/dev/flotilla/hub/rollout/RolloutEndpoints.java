package dev.flotilla.hub.rollout;

import dev.flotilla.hub.admin.AdminAuthenticator;
import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.http.Router;
import dev.flotilla.hub.rollout.RolloutViews.ActionRequest;
import dev.flotilla.hub.rollout.RolloutViews.EventView;
import dev.flotilla.hub.rollout.RolloutViews.RolloutHistory;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.AdminTokenRecord.Role;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.json.JsonException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout admin API under {@code /v1/admin/rollouts} (see {@code docs/api.md}): reading needs
 * the viewer role, acting the operator role; every action is written to the audit log. An action
 * changes the stored rollout (optimistically, so it never overwrites the controller) and then asks
 * the fleet loop to apply it, waiting briefly so the answer reflects it.
 */
public final class RolloutEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutEndpoints.class);
  private static final int HISTORY = 20;

  private final HubStore store;
  private final AdminAuthenticator auth;
  private final Clock clock;
  private final Supplier<CompletableFuture<?>> apply;

  /**
   * @param apply runs the rollout controller and redistributes (the fleet loop's {@code
   *     distributeAll}); on a hub that does not lead it does nothing, and the leader's next round
   *     picks the change up from the store
   */
  public RolloutEndpoints(HubStore store, Clock clock, Supplier<CompletableFuture<?>> apply) {
    this.store = store;
    this.auth = new AdminAuthenticator(store.tokens());
    this.clock = clock;
    this.apply = apply;
  }

  public Router routes(Router r) {
    r.add("GET", "/v1/admin/rollouts", this::list)
        .add("GET", "/v1/admin/rollouts/{bundle}", this::get)
        .add("GET", "/v1/admin/rollouts/{bundle}/history", this::history);
    for (RolloutAction a : RolloutAction.values()) {
      String verb = a.name().toLowerCase();
      r.add("POST", "/v1/admin/rollouts/{bundle}/" + verb, ex -> act(ex, a));
    }
    return r;
  }

  private void list(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    ex.respondJson(200, store.rollouts().latestOfEach().stream().map(RolloutView::of).toList());
  }

  private void get(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    ex.respondJson(200, RolloutView.of(latest(ex.pathParam("bundle"))));
  }

  private void history(Exchange ex) {
    auth.require(ex, Role.VIEWER);
    String bundle = latest(ex.pathParam("bundle")).bundle();
    ex.respondJson(
        200,
        new RolloutHistory(
            bundle,
            store.rollouts().history(bundle, HISTORY).stream().map(RolloutView::of).toList(),
            store.rollouts().events(bundle, 10 * HISTORY).stream().map(EventView::of).toList()));
  }

  private void act(Exchange ex, RolloutAction action) {
    AdminTokenRecord who = auth.require(ex, Role.OPERATOR);
    String bundle = ex.pathParam("bundle");
    String note = note(ex);
    if (note.length() > 500) {
      throw HttpError.badRequest("reason: at most 500 characters, got " + note.length());
    }
    String actor = "admin:" + who.id();
    for (int attempt = 0; attempt < 5; attempt++) {
      RolloutRecord r = latest(bundle);
      switch (action.apply(r, RolloutLedger.progress(r), actor, note, clock.instant())) {
        case RolloutAction.Outcome.Refused refused -> throw HttpError.conflict(refused.reason());
        case RolloutAction.Outcome.Applied applied -> {
          Optional<RolloutRecord> saved = store.rollouts().save(applied.next(), applied.events());
          if (saved.isEmpty()) {
            continue; // the controller saved a round meanwhile: decide again on its state
          }
          if (action == RolloutAction.ROLLBACK) {
            // before a newer commit can make this revision the previous good one
            store.bundles().setSettled(bundle, r.revision(), false);
          }
          store
              .audit()
              .record(
                  clock.instant(),
                  actor,
                  "rollout." + action.name().toLowerCase(),
                  bundle,
                  r.revision() + (note.isBlank() ? "" : ": " + note));
          awaitApplied(bundle);
          ex.respondJson(200, RolloutView.of(latest(bundle)));
          return;
        }
      }
    }
    throw new HttpError(503, "busy", "the rollout of " + bundle + " kept changing; try again", 1);
  }

  /** The optional {@code reason} of an action's body. */
  private static String note(Exchange ex) {
    byte[] raw = ex.body(64 * 1024);
    if (raw.length == 0) {
      return "";
    }
    try {
      ActionRequest body = Json.read(raw, ActionRequest.class, ex.method() + " " + ex.path());
      return body == null || body.reason() == null ? "" : body.reason();
    } catch (JsonException e) {
      throw HttpError.badRequest(e.getMessage());
    }
  }

  private void awaitApplied(String bundle) {
    try {
      apply.get().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("applying the rollout change of {} is late: {}", bundle, e.toString());
    }
  }

  private RolloutRecord latest(String bundle) {
    return store
        .rollouts()
        .latest(bundle)
        .orElseThrow(
            () ->
                HttpError.notFound(
                    "no rollout of bundle '"
                        + bundle
                        + "' (no such bundle, or the hub has not seen its revision yet)"));
  }
}
