package dev.flotilla.hub.enroll;

import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.TokenStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Names;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.RegisterRequest;
import dev.flotilla.protocol.RegisterResponse;
import dev.flotilla.protocol.RenewRequest;
import dev.flotilla.protocol.RenewResponse;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.seal.SealingKeys;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Registration and renewal. A token is checked and used up only after the request is otherwise
 * valid, so a typo in a name does not burn a single-use token.
 */
public final class Enrollment {
  private final HubStore store;
  private final HubPki pki;
  private final Duration certificateTtl;
  private final Duration recoveryGrace;
  private final Clock clock;
  private final Consumer<ClusterId> onRegistered;

  public Enrollment(
      HubStore store,
      HubPki pki,
      Duration certificateTtl,
      Duration recoveryGrace,
      Clock clock,
      Consumer<ClusterId> onRegistered) {
    this.store = store;
    this.pki = pki;
    this.certificateTtl = certificateTtl;
    this.recoveryGrace = recoveryGrace;
    this.clock = clock;
    this.onRegistered = onRegistered;
  }

  public RegisterResponse register(RegisterRequest req) {
    if (req.token() == null || !req.token().matches("[a-z0-9]{6}\\.[a-z0-9]{16}")) {
      throw HttpError.unauthorized("a bootstrap token (id.secret) is required to register");
    }
    if (!Names.isDnsLabel(req.name())) {
      throw HttpError.badRequest(
          "cluster name '" + req.name() + "' is not a DNS label (lower-case letters, digits, '-')");
    }
    if (req.csr() == null || req.csr().isBlank()) {
      throw HttpError.badRequest("a certificate signing request (csr) is required");
    }
    Labels requested;
    try {
      requested = new Labels(req.labels() == null ? java.util.Map.of() : req.labels());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("labels: " + e.getMessage());
    }
    if (req.encryptionKey() != null && !req.encryptionKey().isBlank()) {
      try {
        SealingKeys.decodePublic(req.encryptionKey());
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("encryptionKey: " + e.getMessage());
      }
    }
    java.util.Optional<ClusterRecord> existing = store.clusters().byName(req.name());
    ClusterId id = existing.map(ClusterRecord::id).orElseGet(ClusterId::random);
    X509Certificate cert;
    try {
      cert = pki.issueClient(req.csr(), id, certificateTtl);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    String keySha256 = Digest.of(cert.getPublicKey().getEncoded()).hex();
    if (existing.isPresent()) {
      return retried(req, existing.get(), cert, keySha256);
    }
    String[] parts = req.token().split("\\.");
    Instant now = clock.instant();
    TokenStore.Redemption r = store.tokens().redeem(parts[0], SecretHash.of(parts[1]), now);
    if (r instanceof TokenStore.Redemption.Refused refused) {
      throw new HttpError(401, refused.code(), refused.reason());
    }
    Labels tokenLabels = ((TokenStore.Redemption.Accepted) r).token().labels();
    Facts facts = req.facts() == null ? Facts.UNKNOWN : req.facts();
    try {
      store
          .clusters()
          .insert(
              new ClusterRecord(
                  id,
                  req.name(),
                  requested.with(tokenLabels),
                  facts,
                  now,
                  now,
                  false,
                  cert.getSerialNumber().toString(16),
                  cert.getNotAfter().toInstant(),
                  keySha256,
                  0,
                  0));
    } catch (ClusterStore.NameTaken e) {
      throw HttpError.conflict(e.getMessage());
    }
    if (req.encryptionKey() != null && !req.encryptionKey().isBlank()) {
      store.clusters().setEncryptionKey(id, req.encryptionKey().strip());
    }
    store.audit().record(now, "token:" + parts[0], "cluster.register", req.name(), id.value());
    onRegistered.accept(id);
    return new RegisterResponse(
        id.value(),
        req.name(),
        Pem.encode(cert),
        Pem.encode(pki.ca()),
        pki.signer().publicKey(),
        SealingKeys.encodePublic(pki.sealingKeys().getPublic()));
  }

  /**
   * A registration for a name that exists. When the device proves the same key (it enrolled, but
   * the answer was lost on the way) and the same token, it gets its identity again without using
   * the token up twice; anyone else is refused.
   */
  private RegisterResponse retried(
      RegisterRequest req, ClusterRecord existing, X509Certificate cert, String keySha256) {
    String[] parts = req.token().split("\\.");
    boolean sameToken =
        store
            .tokens()
            .get(parts[0])
            .filter(t -> t.secretHash().equals(SecretHash.of(parts[1])))
            .isPresent();
    if (existing.revoked() || !sameToken || !existing.keySha256().equals(keySha256)) {
      throw HttpError.conflict(new ClusterStore.NameTaken(req.name()).getMessage());
    }
    store
        .clusters()
        .setCertificate(
            existing.id(), cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
    store
        .audit()
        .record(
            clock.instant(),
            "token:" + parts[0],
            "cluster.register.retry",
            req.name(),
            existing.id().value());
    return new RegisterResponse(
        existing.id().value(),
        existing.name(),
        Pem.encode(cert),
        Pem.encode(pki.ca()),
        pki.signer().publicKey(),
        SealingKeys.encodePublic(pki.sealingKeys().getPublic()));
  }

  public RenewResponse renew(ClusterRecord cluster, RenewRequest req) {
    if (req.csr() == null || req.csr().isBlank()) {
      throw HttpError.badRequest("a certificate signing request (csr) is required");
    }
    X509Certificate cert;
    try {
      cert = pki.issueClient(req.csr(), cluster.id(), certificateTtl);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    store
        .clusters()
        .setCertificate(
            cluster.id(), cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
    store
        .audit()
        .record(clock.instant(), "cluster:" + cluster.name(), "cluster.renew", cluster.name(), "");
    return new RenewResponse(Pem.encode(cert), Pem.encode(pki.ca()));
  }

  /**
   * The way back for an agent whose certificate expired while it was offline (no one on site):
   * accepted only for the latest certificate issued to a cluster that is not revoked, within the
   * grace period after expiry, with a fresh proof made by that certificate's device key.
   */
  public RenewResponse recover(RecoverRequest req) {
    Instant now = clock.instant();
    RecoveryCheck.Verdict verdict = recoveryCheck().check(req, now);
    return switch (verdict) {
      case RecoveryCheck.Verdict.Refused r -> throw new HttpError(r.status(), r.code(), r.reason());
      case RecoveryCheck.Verdict.Accepted a -> {
        X509Certificate cert;
        try {
          cert = pki.issueClient(req.csr(), a.cluster().id(), certificateTtl);
        } catch (IllegalArgumentException e) {
          throw HttpError.badRequest(e.getMessage());
        }
        store
            .clusters()
            .setCertificate(
                a.cluster().id(),
                cert.getSerialNumber().toString(16),
                cert.getNotAfter().toInstant());
        store
            .audit()
            .record(
                now,
                "cluster:" + a.cluster().name(),
                "cluster.recover",
                a.cluster().name(),
                "expired " + a.expiredAt());
        yield new RenewResponse(Pem.encode(cert), Pem.encode(pki.ca()));
      }
    };
  }

  private RecoveryCheck recoveryCheck() {
    return new RecoveryCheck(pki.ca(), store.clusters(), recoveryGrace);
  }
}
