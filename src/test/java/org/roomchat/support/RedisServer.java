package org.roomchat.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} on a free loopback port, keeping nothing on disk. Tests that need one
 * are skipped, saying why, on a machine without the Debian package {@code redis-server}.
 */
public final class RedisServer implements AutoCloseable {

  private final Path program;
  private final int port;
  private final Path log;
  private Process process;

  private RedisServer(Path program, int port) {
    this.program = program;
    this.port = port;
    this.log = LocalProcess.targetDir().resolve("redis-" + port + ".log");
  }

  /** Starts one, or skips the calling test when redis-server is not installed. */
  public static RedisServer start() {
    Path program = LocalProcess.onPath("redis-server");
    assumeTrue(
        program != null,
        "redis-server is not on the PATH: install the Debian package redis-server to run this"
            + " test");
    RedisServer server = new RedisServer(program, LocalProcess.freePort());
    server.startProcess();
    return server;
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
      return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private void startProcess() {
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      program.toString(),
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no",
                      "--daemonize",
                      "no"))
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
