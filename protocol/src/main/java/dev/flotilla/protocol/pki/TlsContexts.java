package dev.flotilla.protocol.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client-side TLS: trust only the hub CA (never the system trust store), present the cluster's
 * certificate, speak TLS 1.3 only.
 */
public final class TlsContexts {
  public static final String[] PROTOCOLS = {"TLSv1.3"};
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /** Trusts a server whose chain is anchored at {@code ca}; presents no client certificate. */
  public static SSLContext trusting(X509Certificate ca) {
    return build(trustManagers(ca), null);
  }

  /** For first contact: trusts only a server chain that contains the CA the pin names. */
  public static SSLContext pinned(CaPin pin) {
    return build(new TrustManager[] {new PinnedTrustManager(pin)}, null);
  }

  /** mTLS: trusts {@code ca} and presents {@code chain} (leaf first) for {@code key}. */
  public static SSLContext mutual(X509Certificate ca, PrivateKey key, List<X509Certificate> chain) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, NO_PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(kmf.getKeyManagers(), trustManagers(ca), null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the client TLS context", e);
    }
  }

  /** TLS 1.3 only, for HttpClient.Builder#sslParameters. */
  public static SSLParameters parameters() {
    SSLParameters p = new SSLParameters();
    p.setProtocols(PROTOCOLS);
    return p;
  }

  static TrustManager[] trustManagers(X509Certificate ca) {
    try {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("flotilla-ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      return tmf.getTrustManagers();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store for the hub CA", e);
    }
  }

  private static SSLContext build(TrustManager[] tms, javax.net.ssl.KeyManager[] kms) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(kms, tms, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }
}
