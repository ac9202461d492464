package org.roomchat.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server under load: either one this benchmark starts (the real WAR on Payara Micro, with an
 * embedded database in a fresh directory) or one already running, named by URL and process id.
 * Reads the server process's CPU time and resident memory from /proc.
 */
final class BenchServer implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final URI base;
  private final long pid;
  private final Process process;

  private BenchServer(URI base, long pid, Process process) {
    this.base = base;
    this.pid = pid;
    this.process = process;
  }

  static BenchServer attach(URI base, long pid) {
    return new BenchServer(base, pid, null);
  }

  /** Starts Payara Micro with the WAR; extra JVM options (e.g. -Xmx1g) and system properties. */
  static BenchServer start(Path microJar, Path war, Path workDir, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dchat.password.iterations=1024");
    if (jvmOptions.stream().noneMatch(option -> option.startsWith("-Ddatabase.url="))) {
      // An embedded database of its own, unless the nodes share one (it would win over that).
      command.add("-Dchat.datasource.url=jdbc:h2:file:" + workDir.resolve("db").toAbsolutePath() + "/roomchat;DB_CLOSE_ON_EXIT=FALSE");
    }
    command.add("-Dchat.node=bench");
    command.addAll(List.of("-jar", microJar.toString(), "--nocluster", "--port", Integer.toString(port)));
    command.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
    Path log = workDir.resolve("server.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    BenchServer server =
        new BenchServer(URI.create("http://localhost:" + port + "/"), process.pid(), process);
    server.awaitUp(Duration.ofSeconds(240), log);
    return server;
  }

  private void awaitUp(Duration timeout, Path log) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("server exited; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(base.resolve("health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still booting
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new IllegalStateException("server not ready within " + timeout + "; see " + log);
  }

  URI base() {
    return base;
  }

  long pid() {
    return pid;
  }

  /** User plus system CPU time the server process has used so far, in nanoseconds. */
  long cpuNanos() {
    return cpuNanos(pid);
  }

  /** User plus system CPU time a process has used so far, in nanoseconds. */
  static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read CPU time of process " + pid, e);
    }
  }

  /** Resident set size of the server process, in bytes. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for process " + pid);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read memory of process " + pid, e);
    }
  }

  /** Used heap after a full collection, in bytes, through the JDK's jcmd. */
  long heapAfterGcBytes() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    run(jcmd.toString(), Long.toString(pid), "GC.run");
    String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
    // "garbage-first heap   total 262144K, used 123456K [...]"
    java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    if (!used.find()) {
      throw new IllegalStateException("unexpected GC.heap_info output: " + info);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
