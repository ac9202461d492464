package org.roomchat.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.roomchat.support.PostgresDatabase;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What a soak run samples of the server: its JVM's heap after a full collection (jcmd), live
 * threads and open file descriptors (/proc), the {@code online_user} rows of its database (JDBC)
 * and the keys of its Redis (DBSIZE).
 */
final class SoakProbe {

  /** One generation's (or G1's whole heap's) use in GC.heap_info: "... total 393216K, used 81234K". */
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final long pid;
  private final PostgresDatabase database;
  private final URI redis;
  private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

  /** One sample: seconds since the load began, then the server's figures. */
  record Sample(
      double seconds,
      double heapMb,
      long threads,
      long fds,
      long onlineUsers,
      long redisKeys,
      long sockets) {}

  SoakProbe(long pid, PostgresDatabase database, String redisUrl) {
    this.pid = pid;
    this.database = database;
    this.redis = URI.create(redisUrl);
  }

  /**
   * The server's JVM among what was started: the process itself (Payara Micro) or the child of a
   * launcher script that runs WildFly's main class.
   */
  static long serverJvm(ProcessHandle started) {
    if (isJava(started)) {
      return started.pid();
    }
    List<ProcessHandle> javas = started.descendants().filter(SoakProbe::isJava).toList();
    return javas.stream()
        .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains("org.jboss.as.standalone"))
        .findFirst()
        .or(() -> javas.stream().findFirst())
        .orElseThrow(() -> new IllegalStateException("no Java process under " + started.pid()))
        .pid();
  }

  private static boolean isJava(ProcessHandle process) {
    return process.info().command().filter(c -> c.endsWith("/java")).isPresent();
  }

  long pid() {
    return pid;
  }

  /**
   * Attaches jcmd once, so that its listener thread and socket are already there in the first
   * sample rather than appearing as growth between the first and the second.
   */
  void attach() throws IOException, InterruptedException {
    jcmd("VM.uptime");
  }

  /** Samples everything: the cheap figures first, the full collection last. */
  Sample sample(double seconds, long sockets) throws Exception {
    long threads = threads();
    long fds = fileDescriptors();
    long online = onlineUsers();
    long keys = redisKeys();
    double heap = heapAfterGcBytes() / (1024.0 * 1024.0);
    return new Sample(seconds, heap, threads, fds, online, keys, sockets);
  }

  /** Live threads of the JVM, Java and native ones: the kernel's count. */
  long threads() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        return Long.parseLong(line.substring("Threads:".length()).trim());
      }
    }
    throw new IllegalStateException("no Threads: line for process " + pid);
  }

  long fileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    }
  }

  long onlineUsers() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from online_user")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  long redisKeys() {
    try (Jedis jedis = new Jedis(redis)) {
      return jedis.dbSize();
    }
  }

  /**
   * Redis keys by kind: each key with its last {@code :}-separated part dropped (a user's or a
   * room's key counts under its family), most numerous first.
   */
  Map<String, Long> redisKeysByKind() {
    Map<String, Long> kinds = new TreeMap<>();
    try (Jedis jedis = new Jedis(redis)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(500));
        for (String key : page.getResult()) {
          int last = key.lastIndexOf(':');
          kinds.merge(last > 0 ? key.substring(0, last) + ":*" : key, 1L, Long::sum);
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    kinds.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** User plus system CPU time the server's JVM has used so far, in nanoseconds. */
  long cpuNanos() {
    return BenchServer.cpuNanos(pid);
  }

  /**
   * Used heap after a full collection: G1 prints one line for the whole heap, the serial and
   * parallel collectors one per generation (Metaspace and class space are not heap).
   */
  long heapAfterGcBytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    long usedKb = 0;
    boolean found = false;
    for (String line : info.split("\n")) {
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      Matcher used = USED.matcher(line);
      if (used.find()) {
        usedKb += Long.parseLong(used.group(1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException("unexpected GC.heap_info output: " + info);
    }
    return usedKb * 1024;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("jcmd " + pid + " " + command + " did not finish");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
    }
    return out;
  }
}
