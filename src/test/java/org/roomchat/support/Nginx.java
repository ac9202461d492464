package org.roomchat.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real nginx running the project's {@code payara/nginx.conf} on free ports, in front of two
 * nodes: HTTPS with the run's throwaway certificate ({@link TlsCertificate}), and plain HTTP that
 * leads there. Tests that need it are skipped, saying why, on a machine without the Debian
 * packages {@code nginx} and {@code openssl}.
 */
public final class Nginx implements AutoCloseable {

  private static final Path CONFIG = Path.of("payara", "nginx.conf");

  private final int plainPort;
  private final int port;
  private final Process process;

  private Nginx(int plainPort, int port, Process process) {
    this.plainPort = plainPort;
    this.port = port;
    this.process = process;
  }

  /** Starts nginx proxying to the two nodes, or skips the calling test without nginx. */
  public static Nginx start(int firstNodePort, int secondNodePort) {
    Path program = LocalProcess.onPath("nginx");
    assumeTrue(
        program != null,
        "nginx is not installed: install the Debian package nginx to run this test");
    TlsCertificate certificate = TlsCertificate.localhost();
    int plainPort = LocalProcess.freePort();
    int port = LocalProcess.freePort();
    try {
      Path prefix = Files.createTempDirectory(LocalProcess.targetDir(), "nginx-").toAbsolutePath();
      // The shipped configuration listens on 8080 (plain) and 8443 (TLS), and proxies to 8081 and
      // 8082; its certificate is tls/ beside it.
      String config =
          Files.readString(CONFIG)
              .replace("127.0.0.1:8080", "127.0.0.1:@PLAIN@")
              .replace(":8443", ":@TLS@")
              .replace(":8081", ":@FIRST@")
              .replace(":8082", ":@SECOND@")
              .replace("@PLAIN@", Integer.toString(plainPort))
              .replace("@TLS@", Integer.toString(port))
              .replace("@FIRST@", Integer.toString(firstNodePort))
              .replace("@SECOND@", Integer.toString(secondNodePort));
      Path tls = Files.createDirectories(prefix.resolve("tls"));
      Files.copy(certificate.certificate(), tls.resolve("fullchain.pem"));
      Files.copy(certificate.privateKey(), tls.resolve("privkey.pem"));
      Path configFile = prefix.resolve("nginx.conf");
      Files.writeString(configFile, config);
      Process process =
          new ProcessBuilder(
                  List.of(
                      program.toString(),
                      "-p",
                      prefix.toString(),
                      "-c",
                      configFile.toString(),
                      "-e",
                      "stderr",
                      "-g",
                      "daemon off;"))
              .redirectErrorStream(true)
              .redirectOutput(prefix.resolve("nginx.log").toFile())
              .start();
      Nginx nginx = new Nginx(plainPort, port, process);
      if (!LocalProcess.await(Duration.ofSeconds(20), Duration.ofMillis(50), nginx::listening)) {
        nginx.close();
        throw new IllegalStateException("nginx did not listen; see " + prefix.resolve("nginx.log"));
      }
      return nginx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The site's address: HTTPS. */
  public URI base() {
    return URI.create("https://localhost:" + port + "/");
  }

  /** Its plain-HTTP address, which only leads to {@link #base()}. */
  public URI plainBase() {
    return URI.create("http://localhost:" + plainPort + "/");
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new IllegalStateException("nginx exited with " + process.exitValue());
    }
    for (int listening : new int[] {plainPort, port}) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", listening), 200);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    LocalProcess.stop(process, Duration.ofSeconds(10));
  }
}
