package org.roomchat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Payara Micro node running the built WAR, started as a child process the way an operator
 * starts one ({@code java -jar payara-micro.jar --nocluster --port … --deploy roomchat.war}), so
 * that a test can run several and kill one.
 */
public final class PayaraNode implements AutoCloseable {

  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(300);

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private PayaraNode(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts a node without waiting for it; {@link #awaitReady()} waits.
   *
   * @param environment environment variables, such as REDIS_URL and DATABASE_URL
   * @param properties system properties, such as chat.node
   */
  public static PayaraNode start(
      String name, Map<String, String> environment, Map<String, String> properties) {
    return start(name, environment, properties, 0);
  }

  /** Starts a node on the given port (a free one when 0), e.g. to restart it where it was. */
  public static PayaraNode start(
      String name, Map<String, String> environment, Map<String, String> properties, int httpPort) {
    String microJar = requiredProperty("payara.microJar");
    String war = requiredProperty("roomchat.war");
    int port = httpPort > 0 ? httpPort : LocalProcess.freePort();
    Path log = LocalProcess.targetDir().resolve("payara-" + name + ".log").toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1"); // boots faster on two busy cores
    // Cheap password hashing: the tests log in, they do not measure PBKDF2.
    command.add("-Dchat.password.iterations=1024");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            microJar,
            "--nocluster",
            "--port",
            Integer.toString(port),
            "--deploy",
            war,
            "--contextroot",
            "/"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return new PayaraNode(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Payara Micro", e);
    }
  }

  private static String requiredProperty(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("system property " + key + " is not set (run through Maven)");
    }
    return value;
  }

  /** Waits until the node serves the room list. */
  public PayaraNode awaitReady() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    boolean ready =
        LocalProcess.await(
            BOOT_TIMEOUT,
            Duration.ofMillis(500),
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up; see " + log);
              }
              try {
                HttpResponse<Void> response =
                    client.send(
                        HttpRequest.newBuilder(base().resolve("chat/"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
              } catch (IOException e) {
                return false;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    if (!ready) {
      throw new IllegalStateException(name + " not ready within " + BOOT_TIMEOUT + "; see " + log);
    }
    return this;
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public URI base() {
    return URI.create("http://localhost:" + port + "/");
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the node has written so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the node as a service manager does (SIGTERM) and waits for it to end. */
  public void stop() {
    LocalProcess.stop(process, Duration.ofSeconds(60));
  }

  /** Kills the node at once (SIGKILL): nothing of it gets to clean up. */
  public void kill() {
    LocalProcess.kill(process);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      LocalProcess.stop(process, Duration.ofSeconds(20));
    }
  }
}
