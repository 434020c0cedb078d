package dev.flotilla.hub.enroll;

import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.RecoverRequest;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.pki.RecoveryProof;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Decides a recovery request (no I/O but one cluster lookup): the certificate must be issued by
 * this hub's CA, name a registered cluster that is not revoked, be the latest certificate issued to
 * it, have expired no longer than {@code grace} ago, and the proof must be fresh and made by its
 * key.
 */
final class RecoveryCheck {
  /** How far the proof's time may be from the hub's clock. */
  static final Duration SKEW = Duration.ofMinutes(5);

  private final X509Certificate ca;
  private final ClusterStore clusters;
  private final Duration grace;

  RecoveryCheck(X509Certificate ca, ClusterStore clusters, Duration grace) {
    this.ca = ca;
    this.clusters = clusters;
    this.grace = grace;
  }

  /** The decision. */
  sealed interface Verdict {
    record Accepted(ClusterRecord cluster, Instant expiredAt) implements Verdict {}

    record Refused(int status, String code, String reason) implements Verdict {}
  }

  Verdict check(RecoverRequest req, Instant now) {
    if (req.certificate() == null || req.csr() == null || req.proof() == null) {
      return bad("certificate, csr, signedAt and proof are required");
    }
    X509Certificate cert;
    try {
      cert = Pem.certificate(req.certificate());
      cert.verify(ca.getPublicKey());
    } catch (IllegalArgumentException e) {
      return bad("certificate: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return forbidden("not_issued_here", "the certificate was not issued by this hub's CA");
    }
    ClusterId id;
    try {
      id = new ClusterId(commonName(cert));
    } catch (IllegalArgumentException e) {
      return forbidden("forbidden", "the certificate does not name a cluster");
    }
    ClusterRecord cluster = clusters.get(id).orElse(null);
    if (cluster == null) {
      return forbidden("forbidden", "cluster " + id + " is not registered with this hub");
    }
    if (cluster.revoked()) {
      return forbidden(
          "revoked", "cluster " + cluster.name() + " was revoked; it cannot recover its identity");
    }
    if (!cert.getSerialNumber().toString(16).equals(cluster.certSerial())) {
      return forbidden(
          "superseded",
          "this is not the latest certificate issued to cluster "
              + cluster.name()
              + "; only that one may recover");
    }
    Instant expiredAt = cert.getNotAfter().toInstant();
    if (now.isBefore(expiredAt)) {
      return new Verdict.Refused(
          409, "not_expired", "the certificate is valid until " + expiredAt + "; renew over mTLS");
    }
    if (now.isAfter(expiredAt.plus(grace))) {
      return forbidden(
          "recovery_expired",
          "the certificate expired at "
              + expiredAt
              + ", longer ago than the recovery grace of "
              + grace.toDays()
              + " days; enroll again with a new bootstrap token");
    }
    Instant signedAt;
    try {
      signedAt = Instant.parse(String.valueOf(req.signedAt()));
    } catch (DateTimeParseException e) {
      return bad("signedAt must be an ISO-8601 instant, got '" + req.signedAt() + "'");
    }
    if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
      return forbidden(
          "stale_proof",
          "the proof was made at "
              + signedAt
              + ", more than "
              + SKEW.toMinutes()
              + " minutes from the hub's time "
              + now);
    }
    if (!RecoveryProof.verify(cert, req.csr(), signedAt, req.proof())) {
      return forbidden("bad_proof", "the proof was not made by the certificate's key");
    }
    return new Verdict.Accepted(cluster, expiredAt);
  }

  private static Verdict bad(String why) {
    return new Verdict.Refused(400, "bad_request", why);
  }

  private static Verdict forbidden(String code, String why) {
    return new Verdict.Refused(403, code, why);
  }

  private static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return "";
    }
    return "";
  }
}
