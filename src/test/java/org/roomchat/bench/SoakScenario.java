package org.roomchat.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import org.roomchat.support.PostgresDatabase;
import org.roomchat.support.RedisServer;
import org.roomchat.support.ServerNode;

/**
 * A long run of ordinary traffic, looking for what grows: users connect, chat and disconnect (see
 * {@link SoakClient}) against one node with Redis and PostgreSQL of its own, and every
 * {@code --sample-seconds} the run samples the node's heap after a full collection, its live
 * threads and open file descriptors, the {@code online_user} rows and the Redis keys, beside the
 * sockets the generator holds. It reports each series' least-squares slope per hour over the whole
 * run and over its second half: a leak is a slope that does not flatten. One sample is taken
 * before the load and one after it, once every socket has been closed for a while, for what the
 * server keeps of traffic that is over.
 *
 * <pre>
 * soak --minutes 30 --sample-seconds 60 --rooms 4 --users 20 --steady 2 --rate 0.1
 *      --server payara|wildfly
 * </pre>
 */
final class SoakScenario {

  /** How long the server gets to clean up after the load, before the last sample. */
  private static final Duration SETTLE = Duration.ofSeconds(15);
  /** How long the users get to be in a room each, before the clock starts. */
  private static final Duration RAMP_UP = Duration.ofSeconds(60);

  /** A sampled series: its name in the results, and how to read it from a sample. */
  private record Series(String name, ToDoubleFunction<SoakProbe.Sample> value) {}

  private static final List<Series> SERIES =
      List.of(
          new Series("heap_mb", SoakProbe.Sample::heapMb),
          new Series("threads", s -> s.threads()),
          new Series("fds", s -> s.fds()),
          new Series("online_user_rows", s -> s.onlineUsers()),
          new Series("redis_keys", s -> s.redisKeys()),
          new Series("client_sockets", s -> s.sockets()));

  private final Duration length;
  private final Duration every;
  private final int rooms;
  private final int usersPerRoom;
  private final int steadyPerRoom;
  private final double ratePerSocket;

  SoakScenario(Map<String, String> options) {
    this.length = Duration.ofSeconds(Math.round(doubleOption(options, "minutes", 30) * 60));
    this.every = Duration.ofSeconds(intOption(options, "sample-seconds", 60));
    this.rooms = intOption(options, "rooms", 4);
    this.usersPerRoom = intOption(options, "users", 20);
    this.steadyPerRoom = intOption(options, "steady", 2);
    this.ratePerSocket = doubleOption(options, "rate", 0.1);
    if (every.isZero() || every.isNegative() || length.compareTo(every) < 0) {
      throw new IllegalArgumentException("--sample-seconds must be positive and at most --minutes");
    }
    if (rooms < 1 || usersPerRoom + steadyPerRoom < 1) {
      throw new IllegalArgumentException("--rooms and --users (or --steady) must be positive");
    }
    if (options.getOrDefault("server", "payara").equals("wildfly")) {
      System.setProperty("roomchat.server", "wildfly");
    }
  }

  Map<String, Object> run(String prefix) throws Exception {
    long begin = System.nanoTime();
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    ExecutorService blocking = Executors.newCachedThreadPool();
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).executor(blocking).build();
    SoakClient.Tally tally = new SoakClient.Tally();
    List<SoakClient> clients = new ArrayList<>();
    try (RedisServer redis = RedisServer.start();
        PostgresDatabase database = PostgresDatabase.create();
        ServerNode node =
            ServerNode.start(
                "soak",
                Map.of("REDIS_URL", redis.url(), "DATABASE_URL", database.url()),
                Map.of("chat.node", "soak"))) {
      node.awaitReady();
      SoakProbe probe = new SoakProbe(SoakProbe.serverJvm(node.process()), database, redis.url());
      log("node up after %.0f s at %s (JVM pid %d)", seconds(System.nanoTime() - begin), node.base(), probe.pid());
      clients.addAll(signUp(node, prefix, http, timers, blocking, tally));
      probe.attach();
      SoakProbe.Sample before = probe.sample(0, 0);
      printHeader();
      printRow("before", before);

      clients.forEach(SoakClient::start);
      // The clock starts once every user has been in a room: the load is then at full strength.
      if (!await(RAMP_UP, () -> tally.joinedUsers() >= clients.size())) {
        log("only %d of %d users joined within %s", tally.joinedUsers(), clients.size(), RAMP_UP);
      }
      long start = System.nanoTime();
      long cpuStart = probe.cpuNanos();
      List<SoakProbe.Sample> samples = new ArrayList<>();
      long end = start + length.toNanos();
      for (long next = start; next <= end + TimeUnit.SECONDS.toNanos(1); next += every.toNanos()) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (!node.isAlive()) {
          throw new IllegalStateException("the server exited; see " + node.log());
        }
        SoakProbe.Sample sample = probe.sample(seconds(System.nanoTime() - start), tally.open.get());
        samples.add(sample);
        printRow(String.format(Locale.ROOT, "%.0f s", sample.seconds()), sample);
      }
      long loadNanos = System.nanoTime() - start;
      double serverCores = (double) (probe.cpuNanos() - cpuStart) / loadNanos;
      Map<String, Long> keysLoaded = probe.redisKeysByKind();
      clients.forEach(SoakClient::stop);
      TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
      SoakProbe.Sample after = probe.sample(seconds(System.nanoTime() - start), tally.open.get());
      printRow("after", after);
      Map<String, Object> result = results(samples, before, after, tally, clients, loadNanos);
      result.put("server_cores", round(serverCores));
      result.put("redis_keys_by_kind_last", format(keysLoaded));
      result.put("redis_keys_by_kind_after", format(probe.redisKeysByKind()));
      result.put("total_s", round(seconds(System.nanoTime() - begin)));
      return result;
    } finally {
      clients.forEach(SoakClient::stop);
      timers.shutdownNow();
      blocking.shutdownNow();
    }
  }

  /** Signs every user up (their browsers keep them signed in) and hands out the rooms. */
  private List<SoakClient> signUp(
      ServerNode node,
      String prefix,
      HttpClient http,
      ScheduledExecutorService timers,
      ExecutorService blocking,
      SoakClient.Tally tally)
      throws Exception {
    int perRoom = usersPerRoom + steadyPerRoom;
    List<String> roomNames = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int r = 0; r < rooms; r++) {
      roomNames.add(prefix + "-soak" + r);
      for (int u = 0; u < perRoom; u++) {
        names.add(prefix + "r" + r + (u >= usersPerRoom ? "s" : "u") + u);
      }
    }
    List<BenchBrowser> browsers =
        BenchUsers.signUp(names, 4, () -> new BenchBrowser(http, node.base()));
    List<SoakClient> clients = new ArrayList<>();
    for (int i = 0; i < browsers.size(); i++) {
      clients.add(
          new SoakClient(
              browsers.get(i),
              roomNames,
              roomNames.get(i / perRoom),
              i % perRoom >= usersPerRoom,
              ratePerSocket,
              timers,
              blocking,
              tally));
    }
    return clients;
  }

  private Map<String, Object> results(
      List<SoakProbe.Sample> samples,
      SoakProbe.Sample before,
      SoakProbe.Sample after,
      SoakClient.Tally tally,
      List<SoakClient> clients,
      long loadNanos) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("scenario", "soak");
    result.put("minutes", round(seconds(loadNanos) / 60));
    result.put("sample_s", (int) every.toSeconds());
    result.put("samples", samples.size());
    result.put("rooms", rooms);
    result.put("users_per_room", usersPerRoom);
    result.put("steady_per_room", steadyPerRoom);
    result.put("rate_per_socket", ratePerSocket);
    result.put("sockets_opened", tally.opened.get());
    result.put("sockets_joined", tally.joined.get());
    result.put("catch_ups", tally.catchUps.get());
    result.put("closed_by_client", tally.closedNormally.get());
    result.put("dropped_by_client", tally.aborted.get());
    result.put("closed_by_server", tally.format(tally.serverCloses));
    result.put("handshake_refusals", tally.format(tally.refusals));
    result.put("join_timeouts", tally.joinTimeouts.get());
    result.put("relogins", clients.stream().mapToInt(SoakClient::relogins).sum());
    result.put("messages_sent", tally.sent.get());
    result.put("messages_received", tally.received.get());
    result.put("error_frames", tally.format(tally.errors));

    List<Double> times = samples.stream().map(SoakProbe.Sample::seconds).toList();
    result.put("sample_times_s", times.stream().map(SoakScenario::round).toList());
    List<String> growing = new ArrayList<>();
    System.out.println();
    System.out.printf(
        "%-17s %9s %9s %9s %9s %9s %12s %14s %8s  %s%n",
        "series", "before", "first", "last", "after", "mean", "slope/h", "2nd half /h", "rise %", "");
    for (Series series : SERIES) {
      List<Double> values = samples.stream().map(s -> series.value().applyAsDouble(s)).toList();
      SoakTrend trend = SoakTrend.of(times, values);
      boolean flagged = trend.stillGrowing() && !series.name().equals("client_sockets");
      if (flagged) {
        growing.add(series.name());
      }
      double beforeValue = series.value().applyAsDouble(before);
      double afterValue = series.value().applyAsDouble(after);
      System.out.printf(
          Locale.ROOT,
          "%-17s %9.1f %9.1f %9.1f %9.1f %9.1f %12.2f %14.2f %8.1f  %s%n",
          series.name(),
          beforeValue,
          values.get(0),
          values.get(values.size() - 1),
          afterValue,
          trend.mean(),
          trend.slopePerHour(),
          trend.secondHalfSlopePerHour(),
          trend.secondHalfRisePercent(),
          flagged ? "STILL GROWING" : "");
      String key = series.name();
      result.put(key + "_samples", values.stream().map(SoakScenario::round).toList());
      result.put(key + "_before", round(beforeValue));
      result.put(key + "_after", round(afterValue));
      result.put(key + "_mean", round(trend.mean()));
      result.put(key + "_slope_per_h", round(trend.slopePerHour()));
      result.put(key + "_second_half_slope_per_h", round(trend.secondHalfSlopePerHour()));
      if (!Double.isNaN(trend.secondHalfError())) {
        result.put(key + "_second_half_slope_error", round(trend.secondHalfError()));
      }
      result.put(key + "_second_half_rise_pct", round(trend.secondHalfRisePercent()));
    }
    result.put("still_growing", growing.isEmpty() ? "none" : String.join(",", growing));
    return result;
  }

  private static String format(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (key, value) -> text.append(text.isEmpty() ? "" : " ").append(key).append('=').append(value));
    return text.toString();
  }

  private static boolean await(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return true;
  }

  private static void printHeader() {
    System.out.printf(
        "%-8s %9s %8s %6s %12s %10s %8s%n",
        "sample", "heap MB", "threads", "fds", "online_user", "redis_keys", "sockets");
  }

  private static void printRow(String label, SoakProbe.Sample sample) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %9.1f %8d %6d %12d %10d %8d%n",
        label,
        sample.heapMb(),
        sample.threads(),
        sample.fds(),
        sample.onlineUsers(),
        sample.redisKeys(),
        sample.sockets());
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "soak: " + format + "%n", args);
  }

  private static int intOption(Map<String, String> options, String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  private static double doubleOption(Map<String, String> options, String name, double fallback) {
    return Double.parseDouble(options.getOrDefault(name, Double.toString(fallback)));
  }
}
