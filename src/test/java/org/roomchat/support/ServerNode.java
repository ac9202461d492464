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
import java.util.Map;
import java.util.stream.Stream;

/**
 * One server running the built WAR as a child process, started the way an operator starts it, so
 * that a test can run several, restart one or kill one. Which server it is follows {@link
 * ServerKind#current()}; the tests see only this class.
 */
public abstract class ServerNode implements AutoCloseable {

  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(300);

  /**
   * Cheap password hashing: the tests log in, they do not measure PBKDF2. No sign-up limit: these
   * tests make every account from one address, without a proxy to tell them apart.
   */
  static final Map<String, String> TEST_PROPERTIES =
      Map.of("chat.password.iterations", "1024", "chat.signup.limit", "0");

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  ServerNode(String name, int port, Path log, Process process) {
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
  public static ServerNode start(
      String name, Map<String, String> environment, Map<String, String> properties) {
    return start(name, environment, properties, 0);
  }

  /** Starts a node on the given HTTP port (a free one when 0), e.g. to restart it where it was. */
  public static ServerNode start(
      String name, Map<String, String> environment, Map<String, String> properties, int httpPort) {
    return switch (ServerKind.current()) {
      case PAYARA -> PayaraNode.launch(name, environment, properties, httpPort);
      case WILDFLY -> WildFlyNode.launch(name, environment, properties, httpPort);
    };
  }

  /**
   * Starts the runnable jar of Payara Micro, the WAR and the run command's options (see {@code
   * docs/deploy.md}) on a free port, in the given working folder, without waiting for it.
   *
   * @param properties system properties, such as chat.node
   */
  public static ServerNode startMicroBundle(
      String name, Path workingDirectory, Map<String, String> properties) {
    return PayaraNode.launchBundle(name, workingDirectory, properties);
  }

  static Path logFile(String server, String name) {
    return LocalProcess.targetDir().resolve(server + "-" + name + ".log").toAbsolutePath();
  }

  /** Waits until the node serves the room list. */
  public ServerNode awaitReady() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
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
      dumpThreads();
      // A node that failed to come up would otherwise outlive the test that started it.
      close();
      throw new IllegalStateException(
          name + " not ready within " + BOOT_TIMEOUT + " (" + lastProblem() + "); see " + log);
    }
    return this;
  }

  /** Asks the node's JVMs for a thread dump, which they write to the log. */
  private void dumpThreads() {
    Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .filter(child -> child.info().command().orElse("").endsWith("java"))
        .forEach(
            java -> {
              try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(java.pid())).start().waitFor();
              } catch (IOException e) {
                // Only a diagnosis is lost.
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** The last error the log shows, so that a failed start says why where the build reports it. */
  private String lastProblem() {
    try {
      return Files.readAllLines(log).stream()
          .filter(line -> line.contains("ERROR") || line.contains("SEVERE"))
          .reduce((first, second) -> second)
          .map(line -> line.length() > 300 ? line.substring(0, 300) + "…" : line)
          .orElse("no error in its log");
    } catch (IOException | UncheckedIOException e) {
      return "log unreadable: " + e;
    }
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

  /** Where this node serves {@code health/live} and {@code health/ready}. */
  public URI healthBase() {
    return ServerKind.current().healthBase(base());
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What was started: the server's JVM itself, or a launcher script whose child it is. */
  public ProcessHandle process() {
    return process.toHandle();
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

  /** The exit status of a node that has ended, e.g. after {@link #stop()}. */
  public int exitValue() {
    return process.exitValue();
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
