package dev.flotilla.hub.api;

import dev.flotilla.hub.http.Exchange;
import dev.flotilla.hub.http.HttpError;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.model.ClusterId;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Identifies the calling cluster from its client certificate (TLS already checked it chains to the
 * hub CA and is within its validity): the CN is the cluster id; revoked clusters are refused.
 */
public final class ClusterAuthenticator {
  private final ClusterStore clusters;

  public ClusterAuthenticator(ClusterStore clusters) {
    this.clusters = clusters;
  }

  public ClusterRecord authenticate(Exchange ex) {
    ClusterId id = identify(ex);
    ClusterRecord cluster =
        clusters
            .get(id)
            .orElseThrow(
                () -> HttpError.forbidden("cluster " + id + " is not registered with this hub"));
    if (cluster.revoked()) {
      throw revoked(cluster);
    }
    return cluster;
  }

  /**
   * The cluster the client certificate names, without asking the store whether it is registered or
   * revoked: only for answers the caller backs with what it knows of the cluster already (an ETag
   * remembered for it, which revocation forgets).
   */
  public ClusterId identify(Exchange ex) {
    X509Certificate cert =
        ex.clientCertificate()
            .orElseThrow(
                () ->
                    HttpError.unauthorized(
                        "this endpoint needs the cluster's client certificate (mTLS); register first"));
    String cn = commonName(cert);
    ClusterId id;
    try {
      id = new ClusterId(cn);
    } catch (IllegalArgumentException e) {
      throw HttpError.forbidden("the client certificate does not name a cluster");
    }
    return id;
  }

  /** The cluster as stored now, refused if it was revoked since the request was authenticated. */
  public ClusterRecord recheck(ClusterId id) {
    ClusterRecord cluster =
        clusters
            .get(id)
            .orElseThrow(() -> HttpError.forbidden("cluster " + id + " is no longer registered"));
    if (cluster.revoked()) {
      throw revoked(cluster);
    }
    return cluster;
  }

  static HttpError revoked(ClusterRecord cluster) {
    return new HttpError(
        403,
        "revoked",
        "cluster " + cluster.name() + " was revoked; it must be re-enrolled with a new token");
  }

  static String commonName(X509Certificate cert) {
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
