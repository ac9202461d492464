package org.roomchat.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made once per
 * test run with openssl, and the TLS context of clients that trust it and nothing else. Tests that
 * need it are skipped, saying why, on a machine without the Debian package {@code openssl}.
 */
public final class TlsCertificate {

  private static TlsCertificate made;

  private final Path certificate;
  private final Path privateKey;
  private final SSLContext clientContext;

  private TlsCertificate(Path certificate, Path privateKey, SSLContext clientContext) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.clientContext = clientContext;
  }

  /** The run's certificate, made on first use; skips the calling test without openssl. */
  public static synchronized TlsCertificate localhost() {
    if (made == null) {
      Path openssl = LocalProcess.onPath("openssl");
      assumeTrue(
          openssl != null,
          "openssl is not installed: install the Debian package openssl to run this test");
      made = make(openssl);
    }
    return made;
  }

  private static TlsCertificate make(Path openssl) {
    try {
      Path folder = Files.createTempDirectory(LocalProcess.targetDir(), "tls-").toAbsolutePath();
      Path certificate = folder.resolve("fullchain.pem");
      Path privateKey = folder.resolve("privkey.pem");
      Process process =
          new ProcessBuilder(
                  List.of(
                      openssl.toString(),
                      "req",
                      "-x509",
                      "-newkey",
                      "rsa:2048",
                      "-nodes",
                      "-days",
                      "2",
                      "-subj",
                      "/CN=localhost",
                      "-addext",
                      "subjectAltName=DNS:localhost,IP:127.0.0.1",
                      "-keyout",
                      privateKey.toString(),
                      "-out",
                      certificate.toString()))
              .redirectErrorStream(true)
              .redirectOutput(folder.resolve("openssl.log").toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl made no certificate; see " + folder);
      }
      return new TlsCertificate(certificate, privateKey, trusting(certificate));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext trusting(Path certificate) throws IOException {
    try (InputStream pem = Files.newInputStream(certificate)) {
      Certificate trusted = CertificateFactory.getInstance("X.509").generateCertificate(pem);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("localhost", trusted);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate, PEM. */
  public Path certificate() {
    return certificate;
  }

  /** Its private key, PEM. */
  public Path privateKey() {
    return privateKey;
  }

  /** A client context that trusts this certificate alone. */
  public SSLContext clientContext() {
    return clientContext;
  }
}
