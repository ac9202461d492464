package org.roomchat.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process serving the WAR at the root, started by a test that needs to stop,
 * kill or restart the server itself; its output goes to a file.
 */
public final class PayaraMicroProcess implements AutoCloseable {

  public static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final URI base;

  private PayaraMicroProcess(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /**
   * Starts the server in {@code directory} with these system properties ({@code name=value}),
   * cheap password hashing, no clustering, on a free port (or {@code port} when positive), and
   * waits until it serves pages.
   */
  public static PayaraMicroProcess start(
      Path directory, Path log, int port, List<String> systemProperties)
      throws IOException, InterruptedException {
    int httpPort = port > 0 ? port : freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    // Cheap password hashing: the tests log in, they do not measure PBKDF2.
    command.add("-Dchat.password.iterations=1024");
    systemProperties.forEach(property -> command.add("-D" + property));
    command.addAll(
        List.of(
            "-jar",
            requiredFile("payara.microJar"),
            "--nocluster",
            "--port",
            Integer.toString(httpPort),
            "--deploy",
            requiredFile("roomchat.war"),
            "--contextroot",
            "/"));
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PayaraMicroProcess server =
        new PayaraMicroProcess(process, log, URI.create("http://localhost:" + httpPort + "/"));
    try {
      server.awaitReady();
    } catch (RuntimeException | Error | InterruptedException e) {
      server.kill();
      throw e;
    }
    return server;
  }

  public URI base() {
    return base;
  }

  public int port() {
    return base.getPort();
  }

  /** Waits until the room list answers, failing early with the log if the process dies. */
  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest roomList =
        HttpRequest.newBuilder(base.resolve("chat/")).timeout(Duration.ofSeconds(10)).build();
    long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
    int lastStatus = -1;
    while (true) {
      if (!process.isAlive()) {
        fail("Payara Micro exited with " + process.exitValue() + " while starting:\n" + tail());
      }
      try {
        lastStatus = http.send(roomList, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (lastStatus == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep polling until the deadline
      }
      if (System.nanoTime() > deadline) {
        fail(
            "Payara Micro did not serve "
                + roomList.uri()
                + " within "
                + BOOT_TIMEOUT
                + " (last status "
                + lastStatus
                + "):\n"
                + tail());
      }
      process.waitFor(500, TimeUnit.MILLISECONDS); // returns at once if the process dies
    }
  }

  /** SIGTERM, as a service manager stops it, and waits for the process to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      kill();
      fail("Payara Micro did not stop within " + STOP_TIMEOUT + " of SIGTERM:\n" + tail());
    }
  }

  /** SIGKILL: the node dies without cleaning up. */
  public void kill() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** Everything the server has written so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + log, e);
    }
  }

  /** The last lines of the server's output, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()))
          + "\n(full output in "
          + log
          + ")";
    } catch (IOException e) {
      return "(no output readable in " + log + ": " + e + ")";
    }
  }

  private static String requiredFile(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      fail("system property " + property + " must name an existing file, got " + value);
    }
    return Path.of(value).toAbsolutePath().toString();
  }

  /** A TCP port nobody listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
