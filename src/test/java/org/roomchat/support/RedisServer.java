package org.roomchat.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} on a free loopback port, keeping nothing on disk. Tests that need one
 * are skipped, saying why, on a machine without the Debian package {@code redis-server}.
 */
public final class RedisServer implements AutoCloseable {

  private final Path program;
  private final int port;
  private final Path log;
  private final List<String> arguments;
  private Process process;

  private RedisServer(Path program, int port, List<String> arguments) {
    this.program = program;
    this.port = port;
    this.log = LocalProcess.targetDir().resolve("redis-" + port + ".log");
    this.arguments = arguments;
  }

  /** Starts one, or skips the calling test when redis-server is not installed. */
  public static RedisServer start() {
    return start(List.of());
  }

  /** Starts one with extra command-line options (such as {@code --cluster-enabled yes}). */
  public static RedisServer start(List<String> options) {
    Path program = program();
    int port = LocalProcess.freePort();
    List<String> arguments = new ArrayList<>();
    arguments.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            LocalProcess.targetDir().toAbsolutePath().toString()));
    arguments.addAll(options);
    RedisServer server = new RedisServer(program, port, arguments);
    server.startProcess();
    return server;
  }

  /** Starts a Sentinel (redis-server in sentinel mode) watching the master under the name. */
  public static RedisServer sentinel(RedisServer master, String masterName) {
    return sentinel(
        master,
        masterName,
        1,
        List.of("sentinel down-after-milliseconds " + masterName + " 5000"));
  }

  /**
   * Starts a Sentinel watching the master under the name, agreeing with {@code quorum} sentinels
   * that it is down, with more lines of configuration (timeouts, passwords).
   */
  public static RedisServer sentinel(
      RedisServer master, String masterName, int quorum, List<String> configuration) {
    Path program = program();
    int port = LocalProcess.freePort();
    Path config = LocalProcess.targetDir().resolve("sentinel-" + port + ".conf").toAbsolutePath();
    List<String> lines = new ArrayList<>();
    lines.add("port " + port);
    lines.add("bind 127.0.0.1");
    lines.add(
        "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " " + quorum);
    lines.addAll(configuration);
    lines.add("");
    try {
      Files.writeString(config, String.join("\n", lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisServer sentinel = new RedisServer(program, port, List.of(config.toString(), "--sentinel"));
    sentinel.startProcess();
    return sentinel;
  }

  private static Path program() {
    Path program = LocalProcess.onPath("redis-server");
    assumeTrue(
        program != null,
        "redis-server is not on the PATH: install the Debian package redis-server to run this"
            + " test");
    return program;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server again on the same port, empty, as after a crash without persistence. */
  public void restart() {
    startProcess();
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() {
    LocalProcess.kill(process);
  }

  public boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[7];
      int read = socket.getInputStream().read(reply);
      String answer = read > 0 ? new String(reply, 0, read, StandardCharsets.US_ASCII) : "";
      // A server with a password answers too, refusing the unauthenticated PING.
      return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
    } catch (IOException e) {
      return false;
    }
  }

  private void startProcess() {
    try {
      List<String> command = new ArrayList<>();
      command.add(program.toString());
      command.addAll(arguments);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + program, e);
    }
    if (!LocalProcess.await(Duration.ofSeconds(20), Duration.ofMillis(50), this::answers)) {
      throw new IllegalStateException("redis-server did not answer on port " + port + "; " + log);
    }
  }

  @Override
  public void close() {
    if (process != null) {
      LocalProcess.kill(process);
    }
  }
}
