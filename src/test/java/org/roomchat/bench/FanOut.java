package org.roomchat.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.LongStream;

/**
 * Rooms × users, each user sending at a fixed rate with its send time inside the message; every
 * receipt is checked for loss, duplication and order, and timed from send to receipt. The
 * measured time is cut into equal windows, each with its own CPU and latency figures, so one run
 * shows how far its figures spread. With {@code userStreams}, every user also holds its own stream
 * ({@code /ws/user/}) open, as the room list page does, and its unread frames are counted.
 */
final class FanOut {

  private static final String MARK = "\"message\":\"b ";

  private final int rooms;
  private final int usersPerRoom;
  private final double ratePerUser;
  private final Duration warmup;
  private final Duration measure;
  private final int windows;
  private final boolean userStreams;

  private final LatencyHistogram latency = new LatencyHistogram();
  private final LatencyHistogram[] windowLatency;
  private final AtomicLongArray windowDeliveries;
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong reordered = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLongArray windowUnreadFrames;
  /** The window being measured, or -1 outside the measured time. */
  private volatile int window = -1;

  private int[] sent;
  private AtomicLongArray refused;

  FanOut(
      int rooms,
      int usersPerRoom,
      double ratePerUser,
      Duration warmup,
      Duration measure,
      int windows,
      boolean userStreams) {
    this.rooms = rooms;
    this.usersPerRoom = usersPerRoom;
    this.ratePerUser = ratePerUser;
    this.warmup = warmup;
    this.measure = measure;
    this.windows = windows;
    this.windowLatency = new LatencyHistogram[windows];
    for (int w = 0; w < windows; w++) {
      windowLatency[w] = new LatencyHistogram();
    }
    this.windowDeliveries = new AtomicLongArray(windows);
    this.windowUnreadFrames = new AtomicLongArray(windows);
    this.userStreams = userStreams;
  }

  /**
   * One receiving connection: which of each sender's messages it has seen, so a message that
   * never comes counts as lost wherever it falls, and one that comes twice or late is counted too.
   */
  private final class Receiver {
    final int room;
    final BitSet[] seen;
    final int[] highest;
    final int[] received;

    Receiver(int room) {
      this.room = room;
      this.seen = new BitSet[usersPerRoom];
      this.highest = new int[usersPerRoom];
      this.received = new int[usersPerRoom];
      for (int local = 0; local < usersPerRoom; local++) {
        seen[local] = new BitSet();
      }
    }

    void onFrame(String frame) {
      int at = frame.indexOf(MARK);
      if (at < 0) {
        if (frame.contains("\"type\":\"error\"")) {
          errors.incrementAndGet();
        }
        return;
      }
      long now = System.nanoTime();
      int start = at + MARK.length();
      int end = frame.indexOf('"', start);
      String[] parts = frame.substring(start, end).split(" ");
      int sender = Integer.parseInt(parts[0]);
      int seq = Integer.parseInt(parts[1]);
      long sentAt = Long.parseLong(parts[2]);
      int local = sender % usersPerRoom;
      synchronized (this) {
        if (seen[local].get(seq)) {
          duplicates.incrementAndGet();
          return;
        }
        seen[local].set(seq);
        received[local]++;
        if (seq < highest[local]) {
          reordered.incrementAndGet(); // came after a later message of the same sender
        }
        highest[local] = Math.max(highest[local], seq);
      }
      int w = window;
      if (w >= 0) {
        long micros = (now - sentAt) / 1000;
        windowDeliveries.incrementAndGet(w);
        windowLatency[w].record(micros);
        latency.record(micros);
      }
    }

    synchronized long missing() {
      long missing = 0;
      for (int local = 0; local < usersPerRoom; local++) {
        int sender = room * usersPerRoom + local;
        missing += Math.max(0, sent[sender] - refused.get(sender) - received[local]);
      }
      return missing;
    }
  }

  /**
   * Runs the scenario against the servers; users are spread over them in turn. The CPU of the
   * shared processes (a Redis server) counts in the server CPU per delivery too.
   */
  Map<String, Object> run(
      List<BenchServer> servers, List<Long> sharedPids, HttpClient http, String prefix)
      throws Exception {
    int users = rooms * usersPerRoom;
    sent = new int[users];
    refused = new AtomicLongArray(users);
    List<BenchBrowser> browsers = new ArrayList<>();
    for (int s = 0; s < servers.size(); s++) {
      int share = users / servers.size() + (s < users % servers.size() ? 1 : 0);
      URI base = servers.get(s).base();
      browsers.addAll(
          BenchUsers.signUp(
              BenchUsers.numbered(prefix + "s" + s + "u", share),
              8,
              () -> new BenchBrowser(http, base)));
    }
    List<Receiver> receivers = new ArrayList<>();
    List<BenchSocket> sockets = new ArrayList<>();
    List<CompletableFuture<BenchSocket>> opening = new ArrayList<>();
    // A socket has joined its room once its presence frame arrives: messages stored before that
    // are not live traffic for it.
    List<CompletableFuture<Void>> joined = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int room = u / usersPerRoom;
      Receiver receiver = new Receiver(room);
      receivers.add(receiver);
      int senderIndex = u;
      // Users were signed up server by server; find this user's browser on its server.
      BenchBrowser browser = browsers.get(browserIndex(u, servers.size(), users));
      CompletableFuture<Void> presence = new CompletableFuture<>();
      joined.add(presence);
      opening.add(
          BenchSocket.open(browser, prefix + "room" + room, frame -> {
            if (frame.startsWith("{\"type\":\"error\"")) {
              refused.incrementAndGet(senderIndex);
            } else if (frame.startsWith("{\"type\":\"presence\"")) {
              presence.complete(null);
            }
            receiver.onFrame(frame);
          }));
      if (opening.size() % 50 == 0) {
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
    }
    for (CompletableFuture<BenchSocket> socket : opening) {
      sockets.add(socket.get(60, TimeUnit.SECONDS));
    }
    CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    List<BenchSocket> streams = userStreams ? openUserStreams(browsers) : List.of();

    ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
    long periodMicros = (long) (1_000_000 / ratePerUser);
    AtomicInteger sendFailures = new AtomicInteger();
    for (int u = 0; u < users; u++) {
      int sender = u;
      BenchSocket socket = sockets.get(u);
      senders.scheduleAtFixedRate(
          () -> {
            int seq;
            synchronized (socket) {
              seq = ++sent[sender];
              socket.send("{\"type\":\"message\",\"message\":\"b " + sender + " " + seq + " "
                      + System.nanoTime() + "\"}")
                  .exceptionally(e -> {
                    sendFailures.incrementAndGet();
                    return null;
                  });
            }
          },
          ThreadLocalRandom.current().nextLong(periodMicros),
          periodMicros,
          TimeUnit.MICROSECONDS);
    }

    TimeUnit.MILLISECONDS.sleep(warmup.toMillis());
    var generatorCpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long generatorBefore = generatorCpu.getProcessCpuTime();
    long sentBefore = totalSent();
    long[] windowServerCpu = new long[windows];
    long[] windowNanos = new long[windows];
    long start = System.nanoTime();
    long sharedBefore = sharedCpuNanos(sharedPids);
    for (int w = 0; w < windows; w++) {
      long cpuBefore = serverCpuNanos(servers) + sharedCpuNanos(sharedPids);
      long windowStart = System.nanoTime();
      window = w;
      TimeUnit.MILLISECONDS.sleep(measure.toMillis() / windows);
      window = -1;
      windowNanos[w] = System.nanoTime() - windowStart;
      windowServerCpu[w] = serverCpuNanos(servers) + sharedCpuNanos(sharedPids) - cpuBefore;
    }
    long sharedCpu = sharedCpuNanos(sharedPids) - sharedBefore;
    long elapsed = System.nanoTime() - start;
    long serverCpu = LongStream.of(windowServerCpu).sum();
    long generator = generatorCpu.getProcessCpuTime() - generatorBefore;
    long sentInWindow = totalSent() - sentBefore;
    senders.shutdown();
    senders.awaitTermination(10, TimeUnit.SECONDS);

    // Let what is in flight arrive, then count what never did.
    long missing = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    do {
      missing = receivers.stream().mapToLong(Receiver::missing).sum();
      if (missing == 0) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    } while (System.nanoTime() < deadline);
    sockets.forEach(BenchSocket::close);
    streams.forEach(BenchSocket::close);

    double seconds = elapsed / 1e9;
    long delivered = 0;
    List<Double> cpuPerDelivery = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> deliveredPerSecond = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      long inWindow = windowDeliveries.get(w);
      delivered += inWindow;
      cpuPerDelivery.add(inWindow == 0 ? 0 : round(windowServerCpu[w] / 1000.0 / inWindow));
      p99.add(windowLatency[w].percentileMicros(0.99) / 1000.0);
      deliveredPerSecond.add(round(inWindow / (windowNanos[w] / 1e9)));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("scenario", servers.size() > 1 ? "cross-node" : "fan-out");
    result.put("nodes", servers.size());
    result.put("rooms", rooms);
    result.put("users_per_room", usersPerRoom);
    result.put("rate_per_user", ratePerUser);
    result.put("user_streams", userStreams);
    result.put("seconds", round(seconds));
    result.put("offered_msgs_per_s", round(sentInWindow / seconds));
    result.put("delivered_per_s", round(delivered / seconds));
    result.put("latency_p50_ms", latency.percentileMicros(0.50) / 1000.0);
    result.put("latency_p90_ms", latency.percentileMicros(0.90) / 1000.0);
    result.put("latency_p99_ms", latency.percentileMicros(0.99) / 1000.0);
    result.put("latency_max_ms", latency.maxMicros() / 1000.0);
    result.put("lost", missing);
    result.put("duplicated", duplicates.get());
    result.put("out_of_order", reordered.get());
    result.put("error_frames", errors.get());
    result.put("send_failures", sendFailures.get());
    result.put("server_cpu_us_per_delivery", delivered == 0 ? 0 : round(serverCpu / 1000.0 / delivered));
    result.put("windows", windows);
    result.put("server_cpu_us_per_delivery_by_window", cpuPerDelivery);
    result.put("latency_p99_ms_by_window", p99);
    result.put("delivered_per_s_by_window", deliveredPerSecond);
    if (userStreams) {
      long unreadFrames = 0;
      for (int w = 0; w < windows; w++) {
        unreadFrames += windowUnreadFrames.get(w);
      }
      result.put("unread_frames_per_s", round(unreadFrames / seconds));
      result.put(
          "server_cpu_us_per_frame",
          delivered + unreadFrames == 0
              ? 0
              : round(serverCpu / 1000.0 / (delivered + unreadFrames)));
    }
    result.put("server_cpu_cores", round(serverCpu / (double) elapsed));
    if (!sharedPids.isEmpty()) {
      result.put("of_which_redis_cpu_cores", round(sharedCpu / (double) elapsed));
    }
    result.put("generator_cpu_cores", round(generator / (double) elapsed));
    result.put("generator_bound", generator / (double) elapsed > 0.8 * Runtime.getRuntime().availableProcessors() / 2);
    return result;
  }

  /**
   * Opens every user's own stream, as the room list page keeps it, and waits for each one's
   * summary; the unread frames that follow are counted per measured window.
   */
  private List<BenchSocket> openUserStreams(List<BenchBrowser> browsers) throws Exception {
    List<CompletableFuture<BenchSocket>> opening = new ArrayList<>();
    List<CompletableFuture<Void>> summed = new ArrayList<>();
    for (BenchBrowser browser : browsers) {
      CompletableFuture<Void> summary = new CompletableFuture<>();
      summed.add(summary);
      opening.add(
          BenchSocket.openUserStream(
              browser,
              frame -> {
                if (frame.startsWith("{\"type\":\"unread_summary\"")) {
                  summary.complete(null);
                } else if (frame.startsWith("{\"type\":\"unread\"")) {
                  int w = window;
                  if (w >= 0) {
                    windowUnreadFrames.incrementAndGet(w);
                  }
                }
              }));
      if (opening.size() % 50 == 0) {
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
    }
    List<BenchSocket> streams = new ArrayList<>();
    for (CompletableFuture<BenchSocket> stream : opening) {
      streams.add(stream.get(60, TimeUnit.SECONDS));
    }
    CompletableFuture.allOf(summed.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return streams;
  }

  private static long serverCpuNanos(List<BenchServer> servers) {
    return servers.stream().mapToLong(BenchServer::cpuNanos).sum();
  }

  private static long sharedCpuNanos(List<Long> pids) {
    return pids.stream().mapToLong(BenchServer::cpuNanos).sum();
  }

  /** Browsers were signed up server by server; user u is on server u % n, as the i-th there. */
  private static int browserIndex(int user, int servers, int users) {
    int server = user % servers;
    int offset = 0;
    for (int s = 0; s < server; s++) {
      offset += users / servers + (s < users % servers ? 1 : 0);
    }
    return offset + user / servers;
  }

  private long totalSent() {
    long total = 0;
    for (int s : sent) {
      total += s;
    }
    return total;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
