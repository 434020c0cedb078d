package dev.flotilla.protocol.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * First-contact trust: the server must send, in its chain, the CA certificate whose sha256 the
 * bootstrap token carries, and its leaf must verify under that CA (host name checks still apply,
 * done by the standard trust manager built on that CA).
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
  private final CaPin pin;

  PinnedTrustManager(CaPin pin) {
    this.pin = pin;
  }

  private X509ExtendedTrustManager delegateFor(X509Certificate[] chain)
      throws CertificateException {
    for (X509Certificate c : chain) {
      if (pin.matches(c)) {
        for (var tm : TlsContexts.trustManagers(c)) {
          if (tm instanceof X509ExtendedTrustManager x) {
            return x;
          }
        }
      }
    }
    throw new CertificateException(
        "the hub's certificate chain does not contain the CA pinned by the token ("
            + pin
            + "); this is not the hub that issued the token, or the token is for another hub");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegateFor(chain).checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegateFor(chain).checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    ((X509TrustManager) delegateFor(chain)).checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a pinned client context does not accept clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a pinned client context does not accept clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a pinned client context does not accept clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
