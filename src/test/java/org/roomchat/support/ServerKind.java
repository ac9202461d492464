package org.roomchat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The server the integration tests run the WAR on, chosen by the build's profile (system property
 * {@code roomchat.server}): Payara Micro by default, WildFly with {@code -Pwildfly}.
 */
public enum ServerKind {
  PAYARA {
    @Override
    public URI healthBase(URI appBase) {
      return appBase.resolve("/");
    }

    /** arquillian.xml's {@code --logToFile target/payara-micro-it.log}, to which JUL adds ".0". */
    @Override
    public Path deployedLog() {
      try (Stream<Path> files = Files.list(LocalProcess.targetDir())) {
        return files
            .filter(f -> f.getFileName().toString().startsWith("payara-micro-it.log"))
            .filter(f -> !f.toString().endsWith(".lck"))
            .max(Comparator.comparing(ServerKind::modified))
            .orElseThrow(() -> new IllegalStateException("no target/payara-micro-it.log*"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  },
  WILDFLY {
    /**
     * MicroProfile Health is on the management interface, which moves with the HTTP port under
     * {@code jboss.socket.binding.port-offset}: 9990 beside 8080.
     */
    @Override
    public URI healthBase(URI appBase) {
      return URI.create(
          "http://" + appBase.getHost() + ":" + (appBase.getPort() + MANAGEMENT_PORT_DISTANCE) + "/");
    }

    @Override
    public Path deployedLog() {
      return Path.of(requiredProperty("wildfly.home"), "standalone", "log", "server.log");
    }
  };

  /** WildFly's management port minus its HTTP port. */
  static final int MANAGEMENT_PORT_DISTANCE = 9990 - 8080;

  public static ServerKind current() {
    return valueOf(System.getProperty("roomchat.server", "payara").toUpperCase(java.util.Locale.ROOT));
  }

  /** Where {@code health/live} and {@code health/ready} are served, for a node at appBase. */
  public abstract URI healthBase(URI appBase);

  /** The log of the server Arquillian started for the test class (see arquillian.xml). */
  public abstract Path deployedLog();

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String requiredProperty(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("system property " + key + " is not set (run through Maven)");
    }
    return value;
  }
}
