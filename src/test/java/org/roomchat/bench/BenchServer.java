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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.roomchat.support.ServerKind;
import org.roomchat.support.WildFlyNode;

/**
 * The server under load: either one this benchmark starts (the real WAR on Payara Micro or on
 * WildFly, with an embedded database in a fresh directory) or one already running, named by URL
 * and process id. Reads the server process's CPU time and resident memory from /proc.
 */
final class BenchServer implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private static final int WILDFLY_HTTP = 8080;

  /** Servers started and not stopped yet: stopped on the way out too, e.g. on SIGTERM. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        for (Process process : RUNNING) {
          stop(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
  }

  private final URI base;
  private final URI ready;
  /** The server's JVM: for WildFly the child of the launcher script. */
  private final long pid;
  /** What the benchmark started: the JVM itself, or WildFly's launcher script. */
  private final Process process;

  private BenchServer(URI base, URI ready, long pid, Process process) {
    this.base = base;
    this.ready = ready;
    this.pid = pid;
    this.process = process;
  }

  static BenchServer attach(URI base, long pid) {
    return new BenchServer(base, null, pid, null);
  }

  /**
   * Starts Payara Micro with the WAR; extra JVM options (e.g. -Xmx1g) and system properties
   * (-Dkey=value).
   */
  static BenchServer startPayara(Path microJar, Path war, Path workDir, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(vmFlags(jvmOptions));
    command.addAll(properties(workDir, jvmOptions));
    command.addAll(List.of("-jar", microJar.toString(), "--nocluster", "--port", Integer.toString(port)));
    // No Server header; then Payara's own /metrics off, so the application's is served (relative to the project).
    command.addAll(List.of("--prebootcommandfile", Path.of("payara", "pre-boot.asadmin").toAbsolutePath().toString()));
    command.addAll(List.of("--postbootcommandfile", Path.of("payara", "post-boot.asadmin").toAbsolutePath().toString()));
    command.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
    Path log = workDir.resolve("server.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RUNNING.add(process);
    URI base = URI.create("http://localhost:" + port + "/");
    return started(new BenchServer(base, base.resolve("health/ready"), process.pid(), process), log);
  }

  /**
   * Starts WildFly as its users do: {@code bin/standalone.sh} of the installation the build
   * configured (wildfly/configure.cli), with a server folder of its own in workDir holding a copy
   * of the installation's configuration and the WAR as ROOT.war, every port moved by one offset.
   * JVM options go to JBOSS_JAVA_SIZING, system properties to the script's command line.
   */
  static BenchServer startWildFly(Path home, Path war, Path workDir, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path serverDir = workDir.resolve("wildfly").toAbsolutePath();
    WildFlyNode.prepareServerFolder(home, serverDir, war);
    int port = WildFlyNode.freeHttpPort();
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.server.base.dir=" + serverDir);
    command.add("-Djboss.socket.binding.port-offset=" + (port - WILDFLY_HTTP));
    command.add("-Djboss.tx.node.id=" + workDir.getFileName());
    command.addAll(properties(workDir, jvmOptions));
    Path log = workDir.resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JBOSS_JAVA_SIZING", String.join(" ", vmFlags(jvmOptions)));
    env.remove("JAVA_OPTS"); // would replace the sizing above
    // The script then forwards SIGTERM to the server and waits for it to stop.
    env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
    Process script = builder.start();
    RUNNING.add(script);
    long pid;
    try {
      pid = serverJvm(script, log);
    } catch (RuntimeException | InterruptedException e) {
      stop(script);
      throw e;
    }
    URI base = URI.create("http://localhost:" + port + "/");
    URI ready = ServerKind.WILDFLY.healthBase(base).resolve("health/ready");
    return started(new BenchServer(base, ready, pid, script), log);
  }

  /** JVM options that are not system properties (heap sizes and the like). */
  private static List<String> vmFlags(List<String> jvmOptions) {
    return jvmOptions.stream().filter(option -> !option.startsWith("-D")).toList();
  }

  /**
   * The benchmark's system properties, then the caller's (on either server the last of two
   * settings wins): an embedded database of the node's own, unless the nodes share one.
   */
  private static List<String> properties(Path workDir, List<String> jvmOptions) {
    List<String> properties = new ArrayList<>();
    properties.add("-Dchat.password.iterations=1024");
    properties.add("-Dchat.node=bench");
    // Every simulated user signs up from this one address.
    properties.add("-Dchat.signup.limit=0");
    // The idle-connections scenario opens 100 sockets per user.
    properties.add("-Dchat.sockets.per-user=100");
    if (jvmOptions.stream().noneMatch(option -> option.startsWith("-Ddatabase.url="))) {
      // (chat.datasource.url would win over database.url)
      properties.add("-Dchat.datasource.url=jdbc:h2:file:" + workDir.resolve("db").toAbsolutePath() + "/roomchat;DB_CLOSE_ON_EXIT=FALSE");
    }
    jvmOptions.stream().filter(option -> option.startsWith("-D")).forEach(properties::add);
    return properties;
  }

  /** Waits until the server is ready; stops it if it never gets there. */
  private static BenchServer started(BenchServer server, Path log) throws IOException, InterruptedException {
    try {
      server.awaitUp(Duration.ofSeconds(240), log);
      return server;
    } catch (RuntimeException | IOException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  private void awaitUp(Duration timeout, Path log) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("server exited; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding());
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

  /** The process id of the JVM WildFly's launcher script starts (not of the script's other javas). */
  private static long serverJvm(Process script, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!script.isAlive()) {
        throw new IllegalStateException("WildFly's script exited; see " + log);
      }
      Optional<ProcessHandle> jvm =
          script
              .descendants()
              .filter(p -> p.info().command().filter(c -> c.endsWith("/java")).isPresent())
              .filter(p -> p.info().arguments().filter(a -> Arrays.asList(a).contains("org.jboss.as.standalone")).isPresent())
              .findFirst();
      if (jvm.isPresent()) {
        return jvm.get().pid();
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("WildFly's script started no server JVM within 60 s; see " + log);
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
      stop(process);
    }
  }

  /**
   * SIGTERM (WildFly's script passes it on to the server and waits for it), then, after 60 s,
   * SIGKILL to what the process started and to the process.
   */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    RUNNING.remove(process);
  }
}
